/**
 * The map view: one MapLibre map over the offline basemap, fed from the store. Collections are
 * pushed to their sources when they change; live tracks are flushed on a timer (see `flush`).
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
import { FlushCadence } from './cadence.ts';
import { TrackTable, parseTrack } from './tracks.ts';

/**
 * Trails, a minute long, are flushed every few seconds rather than with the points (see
 * `FlushCadence` for those): between two trail flushes the aircraft runs ahead of its trail's
 * end by up to a kilometre, under a pixel at the default zoom.
 */
const TRAILS_EVERY_MS = 4000;

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
  private readonly cadence = new FlushCadence();
  private measuring = false;
  private lastTrails = -Infinity;
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
    for (const type of ['pointerdown', 'keydown', 'wheel'])
      addEventListener(type, () => this.cadence.input(performance.now()), { capture: true, passive: true });
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.ready.then(() => this.onLoad());
    this.map.on('mousemove', (e) => onPointer([e.lngLat.lng, e.lngLat.lat]));
    onLangChange(() => this.relabel());
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  private onLoad(): void {
    // Heading leaders are a fixed number of pixels long: redraw them for the new zoom.
    this.map.on('zoomend', () => this.queueFlush());
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

  /** Applies a batch of live track reports (a `tracks` feed message); invalid ones are skipped. */
  trackBatch(data: unknown): void {
    if (!Array.isArray(data)) return;
    for (const d of data) {
      const r = parseTrack(d);
      if (r) this.tracks.update(r);
    }
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
    this.lastTrails = -Infinity;
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.flushLater();
  }

  private flushLater(): void {
    setTimeout(() => requestAnimationFrame(() => this.flush()), this.cadence.delay(performance.now()));
  }

  /**
   * Replaces the track sources (a `GeoJSONSource.updateData` diff would not help: every track
   * moves every second, and the worker re-tiles a whole source on any change either way).
   */
  private flush(): void {
    const now = performance.now();
    // An input may have come in since this flush was scheduled: let its frame go first.
    if (this.cadence.delay(now) > 0) return this.flushLater();
    this.flushQueued = false;
    this.cadence.flushed(now);
    this.measure(now);
    // Seen by performance traces and the benchmark (a PerformanceObserver); only the last is kept.
    performance.clearMarks('jig:tracks-flush');
    performance.mark('jig:tracks-flush');
    void this.source('tracks')?.setData(this.tracks.points(this.map.getZoom()));
    if (now - this.lastTrails < TRAILS_EVERY_MS) return;
    this.lastTrails = now;
    void this.source('track-trails')?.setData(this.tracks.trails());
  }

  /**
   * Times what a flush costs the page: the frame time beyond a 60 Hz frame, summed from the
   * flush until the map is idle and frames are quick again. Chromium pipelines frames, so a
   * slow redraw shows up over the next few frames rather than in the one that drew it.
   */
  private measure(start: number): void {
    if (this.measuring) return;
    this.measuring = true;
    let idle = false;
    let quick = 0;
    let cost = 0;
    let last = start;
    this.map.once('idle', () => (idle = true));
    const frame = () => {
      const now = performance.now();
      const dt = now - last;
      last = now;
      cost += Math.max(0, dt - 17);
      quick = dt < 34 ? quick + 1 : 0;
      if ((idle && quick >= 3) || now - start > 5000) {
        this.measuring = false;
        this.cadence.measured(cost);
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
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
