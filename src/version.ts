/** The SDK's name, sent in SDK headers and as the OpenTelemetry scope name. */
export const SDK_NAME = "tracewise";

/** The SDK's version (kept in step with package.json by a test). */
export const SDK_VERSION = "0.1.0";
