/** Stops the private stack after the fault suites (its data stays for the next run). */
import { privateStack } from './private-stack';

export default function faultsTeardown(): void {
  privateStack('down');
}
