package main

import (
	"context"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// watchTools plays VMware Tools, which vcsim 0.24 leaves "not running"
// forever: a powered-on VM reports tools running shortly after power-on (as
// a booted guest does), and not running once it is powered off.
func watchTools(ctx context.Context) func() {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		ticker := time.NewTicker(200 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				for _, entity := range simulator.Map.All("VirtualMachine") {
					if vm, ok := entity.(*simulator.VirtualMachine); ok {
						syncTools(vm)
					}
				}
			}
		}
	}()
	return cancel
}

func syncTools(vm *simulator.VirtualMachine) {
	simulator.Map.WithLock(vm, func() {
		running := vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
		want := string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)
		status := types.VirtualMachineToolsStatusToolsNotRunning
		if running {
			want, status = string(types.VirtualMachineToolsRunningStatusGuestToolsRunning), types.VirtualMachineToolsStatusToolsOk
		}
		if vm.Guest.ToolsRunningStatus == want {
			return
		}
		simulator.Map.Update(vm, []types.PropertyChange{
			{Name: "guest.toolsRunningStatus", Val: want},
			{Name: "guest.toolsStatus", Val: status},
			{Name: "summary.guest.toolsRunningStatus", Val: want},
			{Name: "summary.guest.toolsStatus", Val: status},
		})
	})
}
