export { runPreflight, endpointTarget } from './runPreflight';
export { probeTcp, isAnswering, hostPort } from './tcpProbe';
export { endpointNeeds, type EndpointNeeds } from './planNeeds';
export { formatBytes } from './format';
export type { PreflightOptions, PreflightTimeouts, TcpProbe, TcpOutcome, EndpointPreflight, PreflightCheck } from './types';
export { checkJumpHosts, usedJumpHosts, type JumpHostCheckOptions, type HostKeyPins } from './jumpHostCheck';
