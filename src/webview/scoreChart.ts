import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryVersion } from '../shared/historyProtocol';
import { el } from './dom';
import { formatLatency, formatPercent, formatScore, formatUsd } from '../core/format';

// Mean score and pass rate per commit, oldest on the left. Only evaluated versions are plotted; the
// x value is the version's position so commits are evenly spaced whatever their dates.

export interface ScoreChart {
  update(versions: HistoryVersion[], selected: ReadonlySet<string>): void;
  destroy(): void;
}

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function createScoreChart(container: HTMLElement, onPick: (commit: string) => void): ScoreChart {
  let plotted: HistoryVersion[] = [];
  let selected: ReadonlySet<string> = new Set();
  const tooltip = el('div', { class: 'chart-tooltip', role: 'status' });
  container.appendChild(tooltip);

  const showTooltip = (u: uPlot): void => {
    const idx = u.cursor.idx;
    const v = idx === null || idx === undefined ? undefined : plotted[idx];
    tooltip.textContent = v
      ? `${v.shortSha} · ${v.subject} — score ${formatScore(v.meanScore)}, pass ${formatPercent(v.passRate)}, ${formatUsd(v.costUsd ?? null)}/run, ${formatLatency(v.latencyMs)}`
      : '';
  };

  const points = (u: uPlot, seriesIdx: number): void => {
    // Selected versions get a ring so the two compared points stand out on the line.
    const ctx = u.ctx;
    const series = u.series[seriesIdx];
    if (!series.show) return;
    ctx.save();
    ctx.strokeStyle = themeColour('--vscode-focusBorder', '#007fd4');
    ctx.lineWidth = 2 * devicePixelRatio;
    plotted.forEach((v, i) => {
      if (!selected.has(v.commit)) return;
      const y = u.data[seriesIdx][i];
      if (y === null || y === undefined) return;
      ctx.beginPath();
      ctx.arc(u.valToPos(i, 'x', true), u.valToPos(y, 'y', true), 6 * devicePixelRatio, 0, 2 * Math.PI);
      ctx.stroke();
    });
    ctx.restore();
  };

  const opts = (width: number): uPlot.Options => ({
    width,
    height: 180,
    legend: { show: true },
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    scales: { x: { time: false }, y: { range: [0, 1] } },
    axes: [
      {
        stroke: themeColour('--vscode-foreground', '#ccc'),
        grid: { stroke: themeColour('--vscode-editorWidget-border', '#444'), width: 1 },
        values: (_u, splits) => splits.map((s) => plotted[s]?.shortSha ?? ''),
        incrs: [1],
      },
      {
        stroke: themeColour('--vscode-foreground', '#ccc'),
        grid: { stroke: themeColour('--vscode-editorWidget-border', '#444'), width: 1 },
      },
    ],
    series: [
      { label: 'version', value: (_u, v) => (v === null ? '' : plotted[v]?.shortSha ?? '') },
      { label: 'mean score', stroke: themeColour('--vscode-charts-blue', '#3794ff'), width: 2, points: { size: 6 }, value: (_u, v) => formatScore(v) },
      { label: 'pass rate', stroke: themeColour('--vscode-charts-green', '#89d185'), width: 2, dash: [6, 4], points: { size: 5 }, value: (_u, v) => formatScore(v) },
    ],
    hooks: {
      setCursor: [showTooltip],
      drawSeries: [points],
    },
  });

  const plot = new uPlot(opts(Math.max(container.clientWidth, 240)), [[], [], []], container);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined && plotted[idx]) onPick(plotted[idx].commit);
  });
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(container.clientWidth, 240), height: 180 }));
  resize.observe(container);

  return {
    update(versions, nowSelected) {
      plotted = versions.filter((v) => v.evaluated).reverse();
      selected = nowSelected;
      plot.setData([plotted.map((_, i) => i), plotted.map((v) => v.meanScore ?? null), plotted.map((v) => v.passRate ?? null)] as uPlot.AlignedData);
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
