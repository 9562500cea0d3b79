/** A file imported with `?url`: Vite serves it as is (copied into the build) and the import is its address. */
declare module "*?url" {
  const url: string;
  export default url;
}
