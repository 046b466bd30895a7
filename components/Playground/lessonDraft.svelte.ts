// A lesson link being composed: the controls it will hide, whether its panel is open, and what the last
// copy said. The figure keeps it, so a draft outlives its panel (which a lesson link of its own removes).
import { controlNames, type ControlName } from './controls.ts';

export class LessonDraft {
  /** The controls the link will hide. */
  hide: ControlName[] = $state([]);
  /** Whether the panel is open (its checkboxes, named like the controls, exist only then). */
  open = $state(false);
  message = $state('');

  toggle(key: ControlName): void {
    this.hide = this.hide.includes(key) ? this.hide.filter((k) => k !== key) : [...this.hide, key];
  }

  /** Copies `link` with `write` (the clipboard) and says what it hides; if that fails, shows the link to copy by hand. */
  async copy(link: string, write: (text: string) => Promise<void>): Promise<void> {
    try {
      await write(link);
      this.message = `Lesson link copied${this.hide.length ? `; it hides ${this.hide.map((k) => controlNames[k]).join(', ')}` : '; it hides nothing yet'}.`;
    } catch {
      this.message = `Copy this lesson link: ${link}`;
    }
  }
}
