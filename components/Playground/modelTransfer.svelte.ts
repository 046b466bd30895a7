// Export and import of the Playground's trained network: the file's name and text, reading a chosen file
// back, and the line the figure shows after either (a refused file changes nothing and says why). The
// view does the browser's part: the download, and reading the file the reader picked.
import { modelFile, parseModelFile, type Model } from './modelFile.ts';
import type { Parameters } from './parameters.ts';
import { architecture, type Settings } from './settings.ts';
import type { TrainingState } from './trainingState.ts';

/** The network on screen, as export writes it. */
export interface Current {
  settings: Settings;
  parameters: Parameters;
  epoch: number;
  training: TrainingState;
  results: Record<string, number | null>;
}

export class ModelTransfer {
  /** What the last export or import did, or why an import was refused ('' before either). */
  message = $state('');
  /** The last import was refused. */
  failed = $state(false);

  private readonly current: () => Current | null;
  private readonly onload: (model: Model) => void;

  /** Exports the network `current` gives; `onload` puts an imported one in its place. */
  constructor(current: () => Current | null, onload: (model: Model) => void) {
    this.current = current;
    this.onload = onload;
  }

  /** The file for the network behind the boundary on screen (null before the first report). */
  exportFile(): { name: string; text: string } | null {
    const now = this.current();
    if (!now) return null;
    const file = modelFile(now.settings, now.parameters, now.epoch, now.results, now.training);
    const name = `playground-${now.settings.dataset}-${architecture(now.settings)}-epoch-${now.epoch}.json`;
    this.failed = false;
    this.message = `Exported the network after ${now.epoch} epochs as ${name}.`;
    return { name, text: JSON.stringify(file, null, 1) };
  }

  /** Reads the text of the file `fileName`: loads the model in it, or says what is wrong and changes nothing. */
  importText(fileName: string, text: string): void {
    const read = parseModelFile(text);
    if (!read.ok) {
      this.failed = true;
      this.message = `Could not import ${fileName}: ${read.message} Nothing was changed.`;
      return;
    }
    const { settings, epoch } = read.model;
    this.onload(read.model);
    this.failed = false;
    this.message = `Imported ${fileName}: a ${architecture(settings)} network trained for ${epoch} epochs on ${settings.dataset}.`;
  }

  /** Forgets the last message (Reset). */
  clear(): void {
    this.message = '';
  }
}
