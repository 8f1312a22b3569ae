import { functionCallInterrupts } from './floor';

const INTERRUPTS = `           CPU0       CPU1
  0:         44          0   IO-APIC   2-edge      timer
LOC:   47550610   45434098   Local timer interrupts
RES:    6789245    6267971   Rescheduling interrupts
CAL:   32277848   29351786   Function call interrupts
TLB:    1231467    1126134   TLB shootdowns
`;

describe('functionCallInterrupts', () => {
  it('adds up the CAL row of every CPU, not the description after it', () => {
    expect(functionCallInterrupts(INTERRUPTS)).toBe(32277848 + 29351786);
  });

  it('answers undefined for a text with no CAL row (another kernel, another OS)', () => {
    expect(functionCallInterrupts(INTERRUPTS.replace(/^CAL:.*$/m, ''))).toBeUndefined();
    expect(functionCallInterrupts('')).toBeUndefined();
  });

  it('reads a single CPU and a row with a leading space', () => {
    expect(functionCallInterrupts('  CAL:  12   Function call interrupts\n')).toBe(12);
  });
});
