/** The widget classes, loaded lazily by the widget manager. */
export { ScatterSelectModel, ScatterSelectView } from "./scatter";
export { indicesInBrush } from "./brush";
export { MODULE_NAME, MODULE_VERSION } from "./version";
