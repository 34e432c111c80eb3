/**
 * The map view: one MapLibre map over the offline basemap, fed from the store. Collections are
 * pushed to their sources when they change; tracks are flushed once per animation frame.
 */
import {
  Map as MapLibre,
  Marker,
  setWorkerUrl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
} from 'maplibre-gl';
import type { Collection, Item } from '../api.ts';
import { lang, onLangChange, t } from '../i18n/index.ts';
import { store } from '../store.ts';
import places from '../data/syria-places.json' with { type: 'json' };
import { DrawTool } from './draw.ts';
import { drawable, siteBuffers, toCollection, validity } from './features.ts';
import { CLICKABLE, LAYER_GROUPS, buildStyle, type LayerGroup, type OverlaySource } from './style.ts';
import { TrackTable, arrowImage, parseTrack } from './tracks.ts';

const SHOWN: Collection[] = [
  'designated-areas',
  'protected-sites',
  'movements',
  'nominations',
  'notices',
  'imminent-actions',
  'flights',
  'alerts',
  'violations',
];

export class MapView {
  readonly map: MapLibre;
  readonly tracks = new TrackTable();
  readonly draw: DrawTool;
  private flushQueued = false;
  private lastFlush = 0;
  private readonly ready: Promise<void>;
  private labels: Marker[] = [];

  constructor(container: HTMLElement, onPointer: (lonLat: [number, number]) => void) {
    setWorkerUrl(new URL('maplibre-gl-worker.mjs', location.href).href);
    this.map = new MapLibre({
      container,
      style: buildStyle(),
      center: [38.3, 35.0],
      zoom: 5.6,
      attributionControl: false,
      // Keeps the map's own canvas pixels readable for screenshots and the frame-time benchmark.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.draw = new DrawTool(this.map);
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.ready.then(() => this.onLoad());
    this.map.on('mousemove', (e) => onPointer([e.lngLat.lng, e.lngLat.lat]));
    onLangChange(() => this.relabel());
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  private onLoad(): void {
    this.map.addImage('track-arrow', arrowImage(), { sdf: true });
    for (const c of SHOWN) store.on(c, () => this.push(c));
    store.on('person', () => SHOWN.forEach((c) => this.push(c)));
    store.on('time', () => this.push('designated-areas'));
    for (const c of SHOWN) this.push(c);
    for (const id of CLICKABLE) {
      this.map.on('click', id, (e) => this.select(e.features?.[0]));
      this.map.on('mouseenter', id, () => (this.map.getCanvas().style.cursor = 'pointer'));
      this.map.on(
        'mouseleave',
        id,
        () => (this.map.getCanvas().style.cursor = this.draw.active ? 'crosshair' : ''),
      );
    }
    this.relabel();
  }

  private source(id: OverlaySource): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  /** Pushes one collection to its source(s). */
  push(c: Collection): void {
    const own = store.person?.party ?? '';
    const items = drawable(store.items[c], own);
    if (c === 'alerts') this.alertsChanged(items);
    const at = store.asOf ? Date.parse(store.asOf) : Date.now();
    const extra =
      c === 'designated-areas'
        ? (i: Item) => ({ _validity: validity(i, at) })
        : c === 'alerts'
          ? (i: Item) => ({ _acked: Boolean(i['acknowledged'] ?? i['acked']) })
          : undefined;
    void this.source(c)?.setData(toCollection(items, c, extra));
    if (c === 'protected-sites') void this.source('site-buffers')?.setData(siteBuffers(items, own));
  }

  private alertsChanged(items: readonly Item[]): void {
    const names = new Set<string>();
    for (const a of items) {
      if (a['acknowledged'] ?? a['acked']) continue;
      for (const k of ['track', 'actor', 'track_id']) if (typeof a[k] === 'string') names.add(a[k]);
    }
    this.tracks.alerted = names;
    this.queueFlush();
  }

  /** Applies one live track report (from the feed). */
  track(data: unknown): void {
    const r = parseTrack(data);
    if (!r) return;
    this.tracks.update(r);
    this.queueFlush();
  }

  /** Replaces the tracks with a collection (as of a past moment, or the initial load). */
  setTracks(items: readonly Item[]): void {
    this.tracks.clear();
    for (const i of items) {
      const g = i.geometry;
      const coords = g?.type === 'Point' ? g.coordinates : undefined;
      const r = parseTrack(coords ? { lon: coords[0], lat: coords[1], ...i } : i);
      if (r) this.tracks.update(r);
    }
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    // Each flush re-tiles every track in the worker; reports arrive about once a second, so
    // flushing at most every 500 ms loses nothing visible and leaves frames for panning.
    const wait = Math.max(0, this.lastFlush + 500 - performance.now());
    setTimeout(() => requestAnimationFrame(() => this.flush()), wait);
  }

  private flush(): void {
    {
      this.flushQueued = false;
      this.lastFlush = performance.now();
      void this.source('tracks')?.setData(this.tracks.points());
      void this.source('track-trails')?.setData(this.tracks.trails());
    }
  }

  private select(f: MapGeoJSONFeature | undefined): void {
    if (this.draw.active || !f) return;
    const c = f.properties['_c'] as Collection | undefined;
    const id = f.properties['id'] as string | undefined;
    if (!c || !id) return;
    store.selection = { collection: c, id };
    store.emit('selection');
  }

  setGroupVisible(group: LayerGroup, visible: boolean): void {
    for (const id of LAYER_GROUPS[group]) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  /** Place names as HTML labels (no glyphs needed), in the current language. */
  private relabel(): void {
    this.map.getCanvas().setAttribute('aria-label', t('map.label'));
    for (const m of this.labels) m.remove();
    const key = lang() === 'ru' ? 'name_ru' : 'name_en';
    this.labels = places.features.map((f) => {
      const el = document.createElement('div');
      el.className = `place-label place-${f.properties.kind}`;
      el.textContent = f.properties[key];
      const [lon, lat] = f.geometry.coordinates as [number, number];
      return new Marker({ element: el, anchor: 'left', offset: [4, 0] })
        .setLngLat([lon, lat])
        .addTo(this.map);
    });
  }

  flyTo(lonLat: [number, number]): void {
    this.map.flyTo({ center: lonLat, zoom: Math.max(this.map.getZoom(), 8) });
  }
}
