/** The short reference of a bundle, as the regie's meldingen name it ("bundel C3D2E1F0"). */
export function bundleReference(bundleId: string): string {
  return bundleId.slice(0, 8).toUpperCase();
}
