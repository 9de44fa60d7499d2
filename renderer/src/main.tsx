import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/base.css';
import { App } from './app/App';
import { followHashChanges } from './app/navigationStore';
import { startSync } from './app/sync';
import { applyTheme, useThemeStore } from './app/themeStore';
import { useLanguageStore } from './i18n';

applyTheme(useThemeStore.getState().theme);
document.documentElement.lang = useLanguageStore.getState().language;
startSync();
followHashChanges();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
