/**
 * @packageDocumentation
 * @knowfuse/linking (work in progress).
 */
export const PACKAGE_NAME = "@knowfuse/linking";
