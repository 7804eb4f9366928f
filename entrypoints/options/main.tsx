import { z } from 'zod';
z.config({ jitless: true });

import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/shared/theme.css';
import './style.css';

render(<OptionsApp />, document.getElementById('app')!);
