/**
 * Settings › "Marks on the page": the marks' style, which mentions are marked, furniture, and
 * what to do with names not in the glossary (suggestions). Each change is saved at once.
 */
import type { ComponentChildren } from 'preact';
import { SUPPORTED_LANGUAGES } from '../../lib/model/discovery-languages';
import { MARK_DENSITIES, MARK_STYLES, SUGGESTION_MODES, type Settings, type SettingsPatch } from '../../lib/model/settings';
import { plural } from '../shared/format';

const STYLE_LABELS: Record<(typeof MARK_STYLES)[number], string> = { underline: 'Underline', background: 'Highlight', dotted: 'Dotted underline' };
const DENSITY_LABELS: Record<(typeof MARK_DENSITIES)[number], string> = {
  all: 'Every mention',
  'first-per-paragraph': 'The first mention in each paragraph',
  'first-on-page': 'The first mention on the page',
};

/** "English, French, German, Spanish, Portuguese and Italian" (the options page is in English). */
function languageNames(): string {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const list = SUPPORTED_LANGUAGES.map((l) => names.of(l) ?? l);
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

const SUGGESTION_LABELS: Record<(typeof SUGGESTION_MODES)[number], string> = {
  underline: 'Mark them with a quiet dotted line, and list them in the popup',
  popup: 'Only list them in the popup',
  off: 'Off: do not look for them',
};

export interface SettingsSectionProps {
  /** From useId: the section's ids are made from it. */
  uid: string;
  settings: Settings;
  save: (patch: SettingsPatch) => Promise<void>;
}

export function MarksSettings({ uid, settings, save }: SettingsSectionProps) {
  return (
    <section class="panel settings" aria-labelledby={`${uid}-marks`}>
      <h2 id={`${uid}-marks`} class="section-title">Marks on the page</h2>
      <RadioGroup
        legend="Style"
        name={`${uid}-style`}
        values={MARK_STYLES}
        checked={settings.markStyle}
        onChoose={(markStyle) => void save({ markStyle })}
        label={(s) => <span class={`mark-sample mark-sample--${s}`}>{STYLE_LABELS[s]}</span>}
      />
      <RadioGroup
        legend="Which mentions are marked"
        name={`${uid}-density`}
        values={MARK_DENSITIES}
        checked={settings.markDensity}
        onChoose={(markDensity) => void save({ markDensity })}
        label={(d) => DENSITY_LABELS[d]}
      />
      <label class="checkbox">
        <input type="checkbox" checked={settings.markFurniture} onChange={(e) => void save({ markFurniture: e.currentTarget.checked })} />
        Also mark menus, sidebars and comments
      </label>
      <p class="field__hint">
        On an article, only the article — headline, standfirst, captions, text — is marked and goes to your reading history. With this on,
        mentions in the page's menus, share bars, "more in" lists, footers and comments are marked too, but never recorded.
      </p>
      <RadioGroup
        legend="Names not in your glossary (suggestions)"
        name={`${uid}-suggestions`}
        values={SUGGESTION_MODES}
        checked={settings.suggestions}
        onChoose={(suggestions) => void save({ suggestions })}
        label={(m) => SUGGESTION_LABELS[m]}
      >
        <p class="field__hint" data-testid="suggestion-languages">
          Suggestions are made on pages in {languageNames()}; pages in other languages get none.
        </p>
        {settings.dismissedSuggestions.length > 0 && (
          <p class="field__hint">
            {plural(settings.dismissedSuggestions.length, 'name')} dismissed as “not an entity”.{' '}
            <button type="button" class="btn btn--small" onClick={() => void save({ dismissedSuggestions: [] })}>
              Suggest them again
            </button>
          </p>
        )}
      </RadioGroup>
    </section>
  );
}

interface RadioGroupProps<T extends string> {
  legend: string;
  name: string;
  values: readonly T[];
  checked: T;
  onChoose: (value: T) => void;
  label: (value: T) => ComponentChildren;
  /** Shown after the choices, inside the fieldset. */
  children?: ComponentChildren;
}

/** One setting as a set of radio buttons. */
function RadioGroup<T extends string>({ legend, name, values, checked, onChoose, label, children }: RadioGroupProps<T>) {
  return (
    <fieldset class="fieldset">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v} class="radio">
          <input type="radio" name={name} value={v} checked={checked === v} onChange={() => onChoose(v)} />
          {label(v)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
