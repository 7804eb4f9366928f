/** Settings › "Sites where the extension is off": the list, each with Remove, and a field to add one. */
import { useState } from 'preact/hooks';
import { SiteHost } from '../../lib/model/settings';
import type { SettingsSectionProps } from './MarksSettings';

/** What the reader typed as a site: a bare host, without "www.", or null when it is none. */
function siteOf(typed: string): string | null {
  const raw = typed.trim();
  let host = raw;
  try {
    if (/^[a-z]+:\/\//i.test(raw)) host = new URL(raw).host;
  } catch {
    /* validated below */
  }
  host = host.replace(/^www\./i, '');
  const r = SiteHost.safeParse(host);
  return r.success ? r.data : null;
}

export function SiteSettings({ uid, settings, save }: SettingsSectionProps) {
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);

  const addSite = async () => {
    const host = siteOf(site);
    if (!host) {
      setSiteError('Type a site such as example.com.');
      return;
    }
    setSiteError(null);
    await save({ disabledSites: [...settings.disabledSites, host] });
    setSite('');
  };

  return (
    <section class="panel settings" aria-labelledby={`${uid}-sites`}>
      <h2 id={`${uid}-sites`} class="section-title">Sites where the extension is off</h2>
      <p class="field__hint">On these sites (and their subdomains) nothing is read, marked or recorded.</p>
      {settings.disabledSites.length > 0 ? (
        <ul class="sites" data-testid="disabled-sites">
          {settings.disabledSites.map((s) => (
            <li key={s}>
              <span>{s}</span>
              <button type="button" class="btn btn--small btn--ghost" aria-label={`Turn the extension back on for ${s}`} onClick={() => void save({ disabledSites: settings.disabledSites.filter((x) => x !== s) })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">None: the extension works on every site.</p>
      )}
      <div class="sites__add">
        <label for={`${uid}-site`} class="sr-only">
          Site to switch off
        </label>
        <input
          id={`${uid}-site`}
          class="input"
          type="text"
          placeholder="example.com"
          value={site}
          aria-invalid={siteError ? 'true' : undefined}
          onInput={(e) => setSite(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void addSite();
            }
          }}
        />
        <button type="button" class="btn" onClick={() => void addSite()} disabled={!site.trim()}>
          Switch off
        </button>
      </div>
      {siteError && <p class="field__error">{siteError}</p>}
    </section>
  );
}
