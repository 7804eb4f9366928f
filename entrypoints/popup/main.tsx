import { z } from 'zod';
z.config({ jitless: true });

import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/shared/theme.css';
import './style.css';

render(<PopupApp />, document.getElementById('app')!);
