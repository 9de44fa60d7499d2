"""An ML2 mechanism driver for a Neutron without agents: it binds every port at once
(vif_type "other", ACTIVE), so that Nova's fake driver can plug servers into networks
instead of failing with PortBindingFailed."""
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class BindEverything(api.MechanismDriver):
    def initialize(self):
        pass

    @property
    def connectivity(self):
        return constants.L2

    def bind_port(self, context):
        segments = context.segments_to_bind
        if segments:
            context.set_binding(segments[0][api.ID], "other", {"port_filter": False},
                                status=constants.PORT_STATUS_ACTIVE)
