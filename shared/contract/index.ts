export * from './channels';
export * from './api';
export { dispatch } from './dispatch';
