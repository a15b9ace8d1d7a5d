import { createRoot } from 'react-dom/client';
import { App } from './views/App';
import { store } from './stores/root-store';
import './styles.css';

document.documentElement.lang = store.lang === 'zh' ? 'zh-CN' : 'en';
store.init().then(
  () => createRoot(document.getElementById('root')!).render(<App />),
  (e) => {
    document.body.textContent = `无法连接数据服务：${(e as Error).message}`;
  },
);
