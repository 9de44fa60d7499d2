package main

import (
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// Port groups of a preparation: standard ones on every host's vSwitch0,
// distributed ones on their switch (created with every host as a member).
func (b *builder) network(n networkPrep) error {
	if n.Kind == "dvportgroup" {
		return b.dvPortgroup(n)
	}
	if existing, err := b.finder.Network(b.ctx, n.Name); err == nil && existing != nil {
		return nil
	}
	hosts, err := b.finder.HostSystemList(b.ctx, "*/*")
	if err != nil {
		return err
	}
	for _, host := range hosts {
		ns, err := host.ConfigManager().NetworkSystem(b.ctx)
		if err != nil {
			return err
		}
		err = ns.AddPortGroup(b.ctx, types.HostPortGroupSpec{Name: n.Name, VlanId: n.Vlan, VswitchName: "vSwitch0", Policy: types.HostNetworkPolicy{}})
		// The network object is per datacenter: vcsim answers DuplicateName to every host after the first.
		if err != nil && !isDuplicateName(err) {
			return err
		}
	}
	return nil
}

func isDuplicateName(err error) bool {
	if !soap.IsSoapFault(err) {
		return false
	}
	_, duplicate := soap.ToSoapFault(err).VimFault().(types.DuplicateName)
	return duplicate
}

func (b *builder) dvPortgroup(n networkPrep) error {
	name := n.Vds
	if name == "" {
		name = "DSwitch"
	}
	folders, err := b.dc.Folders(b.ctx)
	if err != nil {
		return err
	}
	var dvs *object.DistributedVirtualSwitch
	if found, err := b.finder.Network(b.ctx, name); err == nil {
		dvs, _ = found.(*object.DistributedVirtualSwitch)
	}
	if dvs == nil {
		hosts, err := b.finder.HostSystemList(b.ctx, "*/*")
		if err != nil {
			return err
		}
		// Every host joins the switch, so any VM of any cluster can use its port groups.
		members := make([]types.DistributedVirtualSwitchHostMemberConfigSpec, len(hosts))
		for i, host := range hosts {
			members[i] = types.DistributedVirtualSwitchHostMemberConfigSpec{Operation: string(types.ConfigSpecOperationAdd), Host: host.Reference()}
		}
		spec := types.DVSCreateSpec{ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: name}}}
		task, err := folders.NetworkFolder.CreateDVS(b.ctx, spec)
		if err != nil {
			return err
		}
		info, err := task.WaitForResult(b.ctx, nil)
		if err != nil {
			return err
		}
		dvs = object.NewDistributedVirtualSwitch(b.client, info.Result.(types.ManagedObjectReference))
		// vcsim's CreateDVS_Task ignores spec.host; hosts join through a reconfigure, as in the vSphere client.
		task, err = dvs.Reconfigure(b.ctx, &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Host: members}})
		if err != nil {
			return err
		}
		if err := task.Wait(b.ctx); err != nil {
			return err
		}
	}
	task, err := dvs.AddPortgroup(b.ctx, []types.DVPortgroupConfigSpec{{
		Name: n.Name, Type: string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding), NumPorts: 128,
		DefaultPortConfig: &types.VMwareDVSPortSetting{Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: n.Vlan}},
	}})
	if err != nil {
		return err
	}
	return task.Wait(b.ctx)
}
