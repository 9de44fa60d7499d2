package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/types"
)

// The preparation's shape is documented in electron/lab/vsphere/README.md;
// the lab parses it with zod first, this decoder refuses unknown fields too.
type preparation struct {
	Datacenter    string          `json:"datacenter"`
	Clusters      []clusterPrep   `json:"clusters"`
	Datastores    []datastorePrep `json:"datastores"`
	Networks      []networkPrep   `json:"networks"`
	Folders       []string        `json:"folders"`
	ResourcePools []poolPrep      `json:"resourcePools"`
	Templates     []templatePrep  `json:"templates"`
}
type clusterPrep struct {
	Name  string `json:"name"`
	Hosts int    `json:"hosts"`
}
type datastorePrep struct {
	Name        string   `json:"name"`
	CapacityGiB *float64 `json:"capacityGiB"`
	FreeGiB     *float64 `json:"freeGiB"`
}
type networkPrep struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Vds  string `json:"vds"`
	Vlan int32  `json:"vlan"`
}
type poolPrep struct {
	Cluster string `json:"cluster"`
	Path    string `json:"path"`
}
type templatePrep struct {
	Name      string `json:"name"`
	GuestID   string `json:"guestId"`
	OS        string `json:"os"`
	Datastore string `json:"datastore"`
	Network   string `json:"network"`
}

// Stock vcsim's names (its VPX model has DVS0 with DC0_DVPG0 too), so a plan written for any vcsim deploys on it.
const defaultPreparation = `{"datacenter":"DC0","clusters":[{"name":"DC0_C0","hosts":3}],
"datastores":[{"name":"LocalDS_0"}],"networks":[{"name":"VM Network","kind":"portgroup"},{"name":"DC0_DVPG0","kind":"dvportgroup","vds":"DVS0"}],
"folders":[],"resourcePools":[],"templates":[{"name":"tpl-ubuntu-22.04","os":"linux"},{"name":"tpl-windows-2022","os":"windows"}]}`

func loadPreparation(file string) (*preparation, error) {
	data := []byte(defaultPreparation)
	if file != "" {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			return nil, err
		}
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	prep := new(preparation)
	if err := decoder.Decode(prep); err != nil {
		return nil, err
	}
	if prep.Datacenter == "" || len(prep.Clusters) == 0 || len(prep.Datastores) == 0 {
		return nil, fmt.Errorf("a datacenter, at least one cluster and one datastore are needed")
	}
	return prep, nil
}

// vcsim's model gives every cluster the same number of hosts; the largest asked for wins.
func shapeModel(m *simulator.Model, prep *preparation) {
	hosts := 1
	for _, c := range prep.Clusters {
		if c.Hosts > hosts {
			hosts = c.Hosts
		}
	}
	m.Datacenter = 1
	m.Cluster = len(prep.Clusters)
	m.ClusterHost = hosts
	m.Host = 0
	m.Machine = 0
	m.Pool = 0
	m.App = 0
	m.Portgroup = 0
	m.PortgroupNSX = 0
	m.OpaqueNetwork = 0
	m.Datastore = len(prep.Datastores)
}

type builder struct {
	ctx    context.Context
	client *vim25.Client
	finder *find.Finder
	dc     *object.Datacenter
}

func buildInventory(ctx context.Context, client *vim25.Client, prep *preparation) error {
	b := &builder{ctx: ctx, client: client, finder: find.NewFinder(client, true)}
	dc, err := b.finder.Datacenter(ctx, "DC0")
	if err != nil {
		return err
	}
	if err := b.rename(dc.Common, prep.Datacenter); err != nil {
		return fmt.Errorf("datacenter %q: %w", prep.Datacenter, err)
	}
	b.dc = dc
	b.finder.SetDatacenter(dc)
	for i, c := range prep.Clusters {
		if err := b.renameByPath(fmt.Sprintf("/%s/host/DC0_C%d", prep.Datacenter, i), c.Name); err != nil {
			return fmt.Errorf("cluster %q: %w", c.Name, err)
		}
	}
	for i, d := range prep.Datastores {
		if err := b.renameDatastore(i, d.Name); err != nil {
			return fmt.Errorf("datastore %q: %w", d.Name, err)
		}
	}
	for _, n := range prep.Networks {
		if err := b.network(n); err != nil {
			return fmt.Errorf("network %q: %w", n.Name, err)
		}
	}
	for _, f := range prep.Folders {
		if _, err := b.folder(f); err != nil {
			return fmt.Errorf("folder %q: %w", f, err)
		}
	}
	for _, p := range prep.ResourcePools {
		if err := b.pool(p); err != nil {
			return fmt.Errorf("resource pool %s/%s: %w", p.Cluster, p.Path, err)
		}
	}
	for _, t := range prep.Templates {
		if err := b.template(prep, t); err != nil {
			return fmt.Errorf("template %q: %w", t.Name, err)
		}
	}
	// Sizes last: they are what the plan sees, templates included (vcsim takes a new VM's disks off freeSpace).
	for _, d := range prep.Datastores {
		if err := b.sizeDatastore(d); err != nil {
			return fmt.Errorf("datastore %q: %w", d.Name, err)
		}
	}
	return nil
}

func (b *builder) rename(o object.Common, name string) error {
	if o.Name() == name {
		return nil
	}
	task, err := o.Rename(b.ctx, name)
	if err != nil {
		return err
	}
	return task.Wait(b.ctx)
}

func (b *builder) renameByPath(path, name string) error {
	if strings.HasSuffix(path, "/"+name) {
		return nil
	}
	ref, err := object.NewSearchIndex(b.client).FindByInventoryPath(b.ctx, path)
	if err != nil || ref == nil {
		return fmt.Errorf("%s not in the model", path)
	}
	return b.rename(object.NewCommon(b.client, ref.Reference()), name)
}

// vcsim has no Datastore.Rename_Task; the model's datastore takes the plan's name in place.
func (b *builder) renameDatastore(index int, name string) error {
	ds, err := b.finder.Datastore(b.ctx, fmt.Sprintf("LocalDS_%d", index))
	if err != nil {
		return err
	}
	sim := simulator.Map.Get(ds.Reference()).(*simulator.Datastore)
	simulator.Map.WithLock(sim, func() {
		sim.Name, sim.Summary.Name = name, name
		sim.Info.GetDatastoreInfo().Name = name
	})
	return nil
}

// The model sizes datastores from the disk under them; a plan's rehearsal wants the sizes it names (0 free = full).
func (b *builder) sizeDatastore(d datastorePrep) error {
	ds, err := b.finder.Datastore(b.ctx, d.Name)
	if err != nil {
		return err
	}
	sim := simulator.Map.Get(ds.Reference()).(*simulator.Datastore)
	simulator.Map.WithLock(sim, func() {
		const gib = 1 << 30
		if d.CapacityGiB != nil {
			sim.Summary.Capacity = int64(*d.CapacityGiB * gib)
			sim.Info.GetDatastoreInfo().MaxFileSize = sim.Summary.Capacity
		}
		if d.FreeGiB != nil {
			sim.Summary.FreeSpace = int64(*d.FreeGiB * gib)
			sim.Info.GetDatastoreInfo().FreeSpace = sim.Summary.FreeSpace
		}
	})
	return nil
}

// folder creates "vm/Rackpilot/web" segment by segment under the datacenter's vm (or host, network, datastore) folder.
func (b *builder) folder(path string) (*object.Folder, error) {
	segments := strings.Split(strings.Trim(path, "/"), "/")
	folders, err := b.dc.Folders(b.ctx)
	if err != nil {
		return nil, err
	}
	roots := map[string]*object.Folder{"vm": folders.VmFolder, "host": folders.HostFolder, "network": folders.NetworkFolder, "datastore": folders.DatastoreFolder}
	current, ok := roots[segments[0]]
	if !ok {
		return nil, fmt.Errorf("must start with vm/, host/, network/ or datastore/")
	}
	for _, segment := range segments[1:] {
		next, err := b.finder.Folder(b.ctx, current.InventoryPath+"/"+segment)
		if err != nil {
			if next, err = current.CreateFolder(b.ctx, segment); err != nil {
				return nil, err
			}
			next.InventoryPath = current.InventoryPath + "/" + segment
		}
		current = next
	}
	return current, nil
}

func (b *builder) pool(p poolPrep) error {
	cluster, err := b.finder.ClusterComputeResource(b.ctx, p.Cluster)
	if err != nil {
		return err
	}
	current, err := cluster.ResourcePool(b.ctx)
	if err != nil {
		return err
	}
	for _, segment := range strings.Split(strings.Trim(p.Path, "/"), "/") {
		next, err := b.finder.ResourcePool(b.ctx, current.InventoryPath+"/"+segment)
		if err != nil {
			if next, err = current.Create(b.ctx, segment, types.DefaultResourceConfigSpec()); err != nil {
				return err
			}
			next.InventoryPath = current.InventoryPath + "/" + segment
		}
		current = next
	}
	return nil
}
