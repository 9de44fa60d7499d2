import { defineTexts } from './types';

/** Rackpilot's own words about OpenStack (Keystone, Nova, Neutron, Glance): errors, hints and log lines; what the cloud said stays a parameter. */
export const openstackTexts = defineTexts({}, {}, {});
