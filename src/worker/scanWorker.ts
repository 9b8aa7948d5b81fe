/**
 * The CLI's scan worker (dist/scanWorker.js): serves the batches of `scanDirectoryParallel`. A bundle of its
 * own, with only the classifier and the file reading, so that a worker starts fast (see parallel.ts).
 */
import { runScanWorkerIfWorker } from '../core/classify/parallel';

runScanWorkerIfWorker();
