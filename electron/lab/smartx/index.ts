export { startSmartxLab, type SmartxLab, type SmartxLabOptions } from './lab';
export { startFisheyeLab, type FisheyeLab, type FisheyeLabOptions, type FisheyeSnapshot } from './fisheye/server';
export { startCloudTowerLab, type CloudTowerLab, type CloudTowerLabOptions, type CloudTowerSnapshot } from './cloudtower/server';
export { parseSmartxPreparation, smartxPreparationSchema, type SmartxPreparation } from './fisheye/preparation';
export { installerPath, preinstallPath, successLine, failureLinePrefix } from './tower/scripts';
