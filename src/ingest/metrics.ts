/**
 * Counters of the track pipeline and a pure renderer of the Prometheus text format (0.0.4), which
 * the server serves at `/api/v1/metrics`.
 */
export interface IngestCounters {
  /** Reports taken off the wire and parsed (before any check). */
  received: number;
  /** Reports that went through the checks (applied to the picture or counted below). */
  processed: number;
  /** Transitions published (incursion and separation alerts, openings and closings). */
  alerted: number;
  late: number;
  duplicate: number;
  stale: number;
  future: number;
  /** Reports refused at the edge (invalid JSON or CoT fields, CoT without a position). */
  invalid: number;
  /** Hostile CoT (DOCTYPE, entities, oversize, too deep) and connections cut for it. */
  hostile: number;
  /** Batches refused whole because the queue was full (HTTP 429): the sender still holds them. */
  refused: number;
  /** Reports lost after acceptance: the pipeline is built to keep this at zero. */
  dropped: number;
}

export const newCounters = (): IngestCounters => ({
  received: 0,
  processed: 0,
  alerted: 0,
  late: 0,
  duplicate: 0,
  stale: 0,
  future: 0,
  invalid: 0,
  hostile: 0,
  refused: 0,
  dropped: 0,
});

export interface Sample {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'summary';
  readonly values: readonly {
    readonly labels?: Readonly<Record<string, string>>;
    readonly value: number;
    /** `_sum` and `_count` of a summary. */
    readonly suffix?: '_sum' | '_count';
  }[];
}

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const formatValue = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);

/** Renders samples in the Prometheus text exposition format. */
export function renderPrometheus(samples: readonly Sample[]): string {
  const lines: string[] = [];
  for (const s of samples) {
    lines.push(
      `# HELP ${s.name} ${s.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
      `# TYPE ${s.name} ${s.type}`,
    );
    for (const v of s.values) {
      const labels = Object.entries(v.labels ?? {})
        .map(([k, val]) => `${k}="${escapeLabel(val)}"`)
        .join(',');
      lines.push(`${s.name}${v.suffix ?? ''}${labels ? `{${labels}}` : ''} ${formatValue(v.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The reports counters as Prometheus samples. */
export function counterSamples(c: IngestCounters): Sample[] {
  const outcomes = [
    'late',
    'duplicate',
    'stale',
    'future',
    'invalid',
    'hostile',
    'refused',
    'dropped',
  ] as const;
  return [
    {
      name: 'jig_track_reports_received_total',
      help: 'Track reports received.',
      type: 'counter',
      values: [{ value: c.received }],
    },
    {
      name: 'jig_track_reports_processed_total',
      help: 'Track reports checked against the air picture.',
      type: 'counter',
      values: [{ value: c.processed }],
    },
    {
      name: 'jig_airspace_alerts_total',
      help: 'Incursion and safety-of-flight transitions published.',
      type: 'counter',
      values: [{ value: c.alerted }],
    },
    {
      name: 'jig_track_reports_not_applied_total',
      help: 'Track reports counted and not applied, by reason.',
      type: 'counter',
      values: outcomes.map((o) => ({ labels: { reason: o }, value: c[o] })),
    },
  ];
}

/**
 * Latency recorder for receipt-to-alert times: a fixed log-scale histogram (no allocation per
 * sample) from which quantiles are read within ~3%.
 */
export class LatencyHistogram {
  private readonly buckets = new Float64Array(400);
  count = 0;
  sum = 0;

  record(ms: number): void {
    const i = ms <= 0.001 ? 0 : Math.min(399, Math.max(0, Math.floor(Math.log(ms / 0.001) / Math.log(1.03))));
    this.buckets[i]!++;
    this.count++;
    this.sum += ms;
  }

  quantile(q: number): number {
    if (this.count === 0) return NaN;
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= q * this.count) return 0.001 * 1.03 ** (i + 1);
    }
    return Infinity;
  }

  sample(name: string, help: string): Sample {
    return {
      name,
      help,
      type: 'summary',
      values: [
        ...[0.5, 0.9, 0.99].map((q) => ({ labels: { quantile: String(q) }, value: this.quantile(q) / 1000 })),
        { suffix: '_sum', value: this.sum / 1000 },
        { suffix: '_count', value: this.count },
      ],
    };
  }
}
