import { z } from 'zod';
z.config({ jitless: true });

import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/shared/theme.css';
import '../../components/shared/changed-elsewhere.css';
import './layout.css';
import './glossary.css';
import './import-export.css';
import './entity-form.css';
import './entity-page.css';
import './settings.css';
import './sync.css';

render(<OptionsApp />, document.getElementById('app')!);
