/**
 * A real-shaped customer table for the training bench, generated deterministically: skewed and bounded
 * numerics, integer counts, six categoricals of 3 to 8 levels, cells missing at realistic rates (more in
 * some columns than others), and targets that depend on all of it through thresholds and interactions
 * (so neither a linear model nor a forest is trivially right). The same rows get a binary label
 * (`renewed`: yes/no) and a numeric value (`annual_value`): written to two files, each with one target.
 */
import { gaussian, seededRandom } from '@modelstream/ml';

interface Categorical {
  name: string;
  levels: string[];
  /** Effect of each level on the latent score. */
  effects: number[];
  missing: number;
}

const CATEGORICALS: Categorical[] = [
  {
    name: 'region',
    levels: ['north', 'south', 'east', 'west', 'central', 'coastal', 'mountain', 'islands'],
    effects: [0.2, -0.1, 0, 0.3, -0.2, 0.4, -0.5, 0.6],
    missing: 0,
  },
  { name: 'plan', levels: ['basic', 'standard', 'plus', 'premium', 'enterprise'], effects: [-0.6, -0.2, 0.1, 0.5, 0.9], missing: 0 },
  { name: 'channel', levels: ['web', 'store', 'phone', 'partner'], effects: [0.1, 0.3, -0.4, 0], missing: 0.01 },
  {
    name: 'employment',
    levels: ['salaried', 'self_employed', 'student', 'retired', 'unemployed', 'contractor'],
    effects: [0.3, 0.1, -0.5, 0.2, -0.8, 0],
    missing: 0.05,
  },
  {
    name: 'education',
    levels: ['secondary', 'vocational', 'bachelor', 'master', 'doctorate'],
    effects: [-0.2, 0, 0.1, 0.2, 0.3],
    missing: 0.07,
  },
  { name: 'housing', levels: ['own', 'rent', 'mortgage'], effects: [0.3, -0.3, 0.1], missing: 0 },
];

/** Numeric columns in file order, with their share of missing cells. */
const NUMERIC_MISSING: [string, number][] = [
  ['age', 0.02],
  ['income', 0.08],
  ['debt_ratio', 0],
  ['credit_score', 0.05],
  ['tenure_months', 0],
  ['num_accounts', 0],
  ['late_payments', 0.01],
  ['utilization', 0],
  ['balance', 0],
  ['monthly_spend', 0.03],
  ['days_since_login', 0.03],
  ['support_tickets', 0],
  ['discount_rate', 0.15],
  ['satisfaction', 0.12],
];

export const MIXED_FEATURES = [...NUMERIC_MISSING.map(([n]) => n), ...CATEGORICALS.map((c) => c.name)];

export interface MixedRow {
  /** The 20 feature cells, CSV-ready (missing cells empty). */
  cells: string[];
  label: 'yes' | 'no';
  value: number;
}

/** Rows of the table, one at a time (the 1M-row file is written without holding it in memory). */
export function* mixedRows(rows: number, seed: number): Generator<MixedRow> {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const pick = (c: Categorical): number => Math.floor(random() * c.levels.length);
  for (let r = 0; r < rows; r++) {
    const age = Math.round(Math.min(90, Math.max(18, 42 + 14 * normal())));
    const income = Math.exp(10.6 + 0.55 * normal());
    const debtRatio = Math.min(3, Math.max(0, 0.35 + 0.25 * normal() + (random() < 0.05 ? 1 : 0)));
    const creditScore = Math.round(Math.min(850, Math.max(300, 680 + 75 * normal())));
    const tenure = Math.floor(-36 * Math.log(1 - random()));
    const accounts = Math.floor(-2.5 * Math.log(1 - random())) + 1;
    const late = random() < 0.7 ? 0 : Math.floor(-1.8 * Math.log(1 - random())) + 1;
    const utilization = Math.min(1, Math.max(0, random() ** 1.5 + 0.05 * normal()));
    const balance = utilization * income * 0.15 * (1 + 0.2 * normal()) - (random() < 0.03 ? 500 * random() : 0);
    const spend = Math.exp(5.5 + 0.7 * normal() + 0.2 * Math.log(income / 40000));
    const sinceLogin = Math.floor(-20 * Math.log(1 - random()));
    const tickets = random() < 0.6 ? 0 : Math.floor(-2 * Math.log(1 - random()));
    const discount = Math.round(random() * 4) * 0.05;
    const satisfaction = Math.min(10, Math.max(1, Math.round(7 - 0.6 * tickets + 1.5 * normal())));
    const levels = CATEGORICALS.map(pick);
    const effect = levels.reduce((s, level, i) => s + CATEGORICALS[i].effects[level], 0);
    const retired = CATEGORICALS[3].levels[levels[3]] === 'retired';
    const latent =
      0.9 * ((creditScore - 680) / 75) -
      (0.8 * (debtRatio - 0.35)) / 0.25 +
      0.5 * Math.log(income / 40000) +
      0.6 * Math.tanh(tenure / 24) -
      0.7 * Math.min(late, 4) +
      (utilization > 0.8 ? -0.9 : 0.3 * utilization) -
      0.04 * sinceLogin +
      0.35 * (satisfaction - 7) +
      (retired ? 0.02 * (age - 60) : 0.01 * (age - 42)) +
      effect * (1 + 0.5 * discount);
    const label = latent + 1.2 * normal() > 0 ? 'yes' : 'no';
    const value = 1200 + 180 * latent + 40 * Math.sin(latent * 2) + 0.004 * spend * (1 + accounts) + 120 * normal();
    const numbers = [
      String(age),
      income.toFixed(2),
      debtRatio.toFixed(4),
      String(creditScore),
      String(tenure),
      String(accounts),
      String(late),
      utilization.toFixed(4),
      balance.toFixed(2),
      spend.toFixed(2),
      String(sinceLogin),
      String(tickets),
      discount.toFixed(2),
      String(satisfaction),
    ].map((cell, i) => (random() < NUMERIC_MISSING[i][1] ? '' : cell));
    const categories = levels.map((level, i) => (random() < CATEGORICALS[i].missing ? '' : CATEGORICALS[i].levels[level]));
    yield { cells: [...numbers, ...categories], label, value: Math.round(value * 100) / 100 };
  }
}
