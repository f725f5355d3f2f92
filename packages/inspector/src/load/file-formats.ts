/** File name endings read as a protobuf `ExportTraceServiceRequest` rather than text. */
export const PROTOBUF_EXTENSIONS: readonly string[] = ['.pb', '.binpb', '.protobuf'];

/** Whether a file's name says it holds OTLP protobuf. */
export function hasProtobufExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return PROTOBUF_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
