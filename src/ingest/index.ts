/** Track ingestion: edges (JSON, WebSocket, CoT over TCP/UDP), the pipeline, alert delivery, metrics. */
export { parseTrackBatch, MAX_BATCH } from './json.ts';
export {
  parseCotEvent,
  cotTrackReport,
  DEFAULT_COT_LIMITS,
  type CotEvent,
  type CotLimits,
  type CotRefusal,
} from './cot.ts';
export { CotStreamSplitter } from './splitter.ts';
export { TrackPipeline, type Admission, type PipelineOptions } from './pipeline.ts';
export { AlertPublisher, type Alert, type Subscriber } from './publisher.ts';
export {
  WebhookDelivery,
  parseWebhookUrls,
  transitionPayload,
  webhookSamples,
  type WebhookCounters,
  type WebhookOptions,
} from './webhooks.ts';
export { startAlertWebhooks, type AlertWebhooks, type AlertWebhookOptions } from './alert-webhooks.ts';
export {
  renderPrometheus,
  counterSamples,
  LatencyHistogram,
  type IngestCounters,
  type Sample,
} from './metrics.ts';
export { listenCotTcp, listenCotUdp, type CotListenOptions } from './cotServer.ts';
export { attachTrackSocket, type TrackSocket } from './trackSocket.ts';
