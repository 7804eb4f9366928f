import { z } from 'zod';
z.config({ jitless: true });

import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/shared/theme.css';
import '../../components/shared/changed-elsewhere.css';
import './layout.css';
import './page-entities.css';
import './notes.css';

render(<PopupApp />, document.getElementById('app')!);
