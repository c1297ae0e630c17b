/**
 * @packageDocumentation
 * @knowfuse/fusion (work in progress).
 */
export const PACKAGE_NAME = "@knowfuse/fusion";
