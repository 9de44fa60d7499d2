package main

import (
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/vim25/types"
)

// template creates one of the preparation's templates in the datacenter's vm folder (on its datastore,
// its NIC on its network, both defaulting to the first of the preparation) and marks it a template.
func (b *builder) template(prep *preparation, t templatePrep) error {
	guestID := t.GuestID
	if guestID == "" {
		guestID = map[string]string{"windows": "windows9Server64Guest"}[t.OS]
		if guestID == "" {
			guestID = "ubuntu64Guest"
		}
	}
	dsName, netName := t.Datastore, t.Network
	if dsName == "" {
		dsName = prep.Datastores[0].Name
	}
	cluster, err := b.finder.ClusterComputeResource(b.ctx, prep.Clusters[0].Name)
	if err != nil {
		return err
	}
	pool, err := cluster.ResourcePool(b.ctx)
	if err != nil {
		return err
	}
	folders, err := b.dc.Folders(b.ctx)
	if err != nil {
		return err
	}
	devices := object.VirtualDeviceList{}
	scsi, _ := devices.CreateSCSIController("pvscsi")
	devices = append(devices, scsi)
	disk := devices.CreateDisk(scsi.(types.BaseVirtualController), types.ManagedObjectReference{}, "")
	disk.CapacityInKB = 16 * 1024 * 1024
	devices = append(devices, disk)
	if netName == "" && len(prep.Networks) > 0 {
		netName = prep.Networks[0].Name
	}
	if netName != "" {
		network, err := b.finder.Network(b.ctx, netName)
		if err != nil {
			return err
		}
		backing, err := network.EthernetCardBackingInfo(b.ctx)
		if err != nil {
			return err
		}
		nic, err := devices.CreateEthernetCard("vmxnet3", backing)
		if err != nil {
			return err
		}
		devices = append(devices, nic)
	}
	changes, err := devices.ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	if err != nil {
		return err
	}
	for _, change := range changes {
		if spec := change.GetVirtualDeviceConfigSpec(); spec.Device == disk {
			spec.FileOperation = types.VirtualDeviceConfigSpecFileOperationCreate
		}
	}
	spec := types.VirtualMachineConfigSpec{
		Name: t.Name, GuestId: guestID, NumCPUs: 2, MemoryMB: 4096, DeviceChange: changes,
		Files: &types.VirtualMachineFileInfo{VmPathName: "[" + dsName + "]"},
	}
	task, err := folders.VmFolder.CreateVM(b.ctx, spec, pool, nil)
	if err != nil {
		return err
	}
	info, err := task.WaitForResult(b.ctx, nil)
	if err != nil {
		return err
	}
	return object.NewVirtualMachine(b.client, info.Result.(types.ManagedObjectReference)).MarkAsTemplate(b.ctx)
}
