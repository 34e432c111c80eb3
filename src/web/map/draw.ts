/**
 * Drawing a geometry on the map: each click places a vertex; a point finishes at once, a line
 * or polygon finishes on double click, Enter, or the form's finish button. Escape cancels.
 */
import type { GeoJSONSource, Map as MapLibre, MapMouseEvent } from 'maplibre-gl';

export type DrawKind = 'Point' | 'LineString' | 'Polygon';

export function toGeometry(kind: DrawKind, pts: readonly [number, number][]): GeoJSON.Geometry | undefined {
  if (kind === 'Point') return pts[0] ? { type: 'Point', coordinates: pts[0] } : undefined;
  if (kind === 'LineString')
    return pts.length >= 2 ? { type: 'LineString', coordinates: [...pts] } : undefined;
  if (pts.length < 3 || !pts[0]) return undefined;
  return { type: 'Polygon', coordinates: [[...pts, pts[0]]] };
}

export class DrawTool {
  private kind: DrawKind | undefined;
  private pts: [number, number][] = [];
  private done: ((g: GeoJSON.Geometry | undefined) => void) | undefined;
  /** The click that places a point must not also open the feature under it. */
  private finishing = false;

  constructor(private readonly map: MapLibre) {
    map.on('click', (e) => this.click(e));
    map.on('dblclick', (e) => {
      if (!this.kind) return;
      e.preventDefault();
      this.finish();
    });
    window.addEventListener('keydown', (e) => {
      if (!this.kind) return;
      if (e.key === 'Escape') this.cancel();
      if (e.key === 'Enter') this.finish();
    });
  }

  get active(): boolean {
    return this.kind !== undefined || this.finishing;
  }

  start(kind: DrawKind, done: (g: GeoJSON.Geometry | undefined) => void): void {
    this.kind = kind;
    this.pts = [];
    this.done = done;
    this.map.getCanvas().style.cursor = 'crosshair';
    this.map.doubleClickZoom.disable();
    this.render();
  }

  finish(): void {
    const g = this.kind ? toGeometry(this.kind, this.pts) : undefined;
    const done = this.done;
    this.reset();
    this.finishing = true;
    setTimeout(() => (this.finishing = false), 0);
    done?.(g);
  }

  cancel(): void {
    const done = this.done;
    this.reset();
    done?.(undefined);
  }

  private reset(): void {
    this.kind = undefined;
    this.done = undefined;
    this.pts = [];
    this.map.getCanvas().style.cursor = '';
    this.map.doubleClickZoom.enable();
    this.render();
  }

  private click(e: MapMouseEvent): void {
    if (!this.kind) return;
    this.pts.push([e.lngLat.lng, e.lngLat.lat]);
    if (this.kind === 'Point') this.finish();
    else this.render();
  }

  private render(): void {
    const src = this.map.getSource<GeoJSONSource>('draw');
    const features: GeoJSON.Feature[] = this.pts.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: c },
      properties: {},
    }));
    if (this.pts.length >= 2) {
      const ring = this.kind === 'Polygon' && this.pts[0] ? [...this.pts, this.pts[0]] : this.pts;
      features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: ring }, properties: {} });
    }
    void src?.setData({ type: 'FeatureCollection', features });
  }
}
