/** The module name and version the kernel's widget models name (`_model_module`, `_model_module_version`). */
export const MODULE_NAME = "edgeworks-widgets";
export const MODULE_VERSION = "0.1.0";
