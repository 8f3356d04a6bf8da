/** The widget classes, loaded lazily by the widget manager. */
export { ScatterSelectModel, ScatterSelectView } from "./scatter";
export { EndmemberSelectorModel } from "./selectorModel";
export { EndmemberSelectorView } from "./selectorView";
export { MODULE_NAME, MODULE_VERSION } from "./version";
export { StackExplorerModel } from "./stackExplorerModel";
export { StackExplorerView } from "./stackExplorerView";
