/**
 * @packageDocumentation
 * @knowfuse/kg (work in progress).
 */
export const PACKAGE_NAME = "@knowfuse/kg";
