// The digit reader's worker: it runs the trained CNN over the test digits off the page, so the page keeps
// drawing while 2,000 digits go through it (the work itself is predict.ts's handlePredict).
import { handlePredict, type PredictReply, type PredictRequest } from './predict.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PredictRequest>) => void) | null; postMessage(m: PredictReply, t?: Transferable[]): void };
scope.onmessage = (e) => void handlePredict(e.data, (r, t) => scope.postMessage(r, t ?? []));
