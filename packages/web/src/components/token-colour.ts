// A background colour per token id, so the same token is the same colour wherever it appears
// (golden-angle hues, light enough for dark text). Does not handle: colour-blind palettes.

export function idColour(id: number): string {
  return `hsl(${(id * 137.508) % 360} 70% 85%)`;
}
