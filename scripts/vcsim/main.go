// vcsim-lab: Rackpilot's rehearsal vCenter. It runs govmomi's own simulator
// (VMware's vcsim, from Debian's sources) on loopback, builds the inventory a
// plan needs from a JSON preparation, keeps its certificate in a directory so
// a restart on the same port is the same endpoint to a client that pinned it,
// prints one JSON ready line on stdout, and serves until SIGTERM.
package main

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "host:port to listen on (port 0 picks a free one)")
	user := flag.String("username", "administrator@vsphere.local", "the only user that may log in")
	tlsDir := flag.String("tls-dir", "", "directory holding cert.pem and key.pem (created there when absent)")
	prepFile := flag.String("prepare", "", "JSON preparation file (default: one cluster, LocalDS_0, VM Network, two templates)")
	flag.Parse()
	// The password comes from the environment: arguments are visible to every user through ps.
	pass := os.Getenv("VCSIM_LAB_PASSWORD")
	if pass == "" || *tlsDir == "" {
		fail("VCSIM_LAB_PASSWORD and -tls-dir are required")
	}
	prep, err := loadPreparation(*prepFile)
	if err != nil {
		fail("preparation: %v", err)
	}
	cert, err := loadOrCreateCertificate(*tlsDir)
	if err != nil {
		fail("certificate: %v", err)
	}

	m := simulator.VPX()
	shapeModel(m, prep)
	if err := m.Create(); err != nil {
		fail("model: %v", err)
	}
	defer m.Remove()
	m.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, pass)}
	m.Service.TLS = tlsConfig(cert)
	server := m.Service.NewServer()
	defer server.Close()

	ctx := context.Background()
	login := *server.URL
	login.User = url.UserPassword(*user, pass)
	client, err := govmomi.NewClient(ctx, &login, true)
	if err != nil {
		fail("login to the simulator: %v", err)
	}
	if err := buildInventory(ctx, client.Client, prep); err != nil {
		fail("inventory: %v", err)
	}
	_ = client.Logout(ctx)
	stopToolsWatch := watchTools(ctx)
	defer stopToolsWatch()

	base := server.URL.Scheme + "://" + server.URL.Host
	raw := server.Certificate().Raw
	sha1Sum, sha256Sum := sha1.Sum(raw), sha256.Sum256(raw)
	ready, _ := json.Marshal(map[string]interface{}{
		"url":        base,
		"sdk":        base + "/sdk",
		"username":   *user,
		"thumbprint": colonHex(sha1Sum[:]),
		"sha256":     colonHex(sha256Sum[:]),
		"pid":        os.Getpid(),
	})
	fmt.Println(string(ready))

	done := make(chan os.Signal, 1)
	signal.Notify(done, syscall.SIGINT, syscall.SIGTERM)
	// The lab holds our stdin: when it dies, even by SIGKILL, stdin closes and we go too.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		done <- syscall.SIGTERM
	}()
	<-done
}

func colonHex(sum []byte) string {
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "vcsim-lab: "+format+"\n", args...)
	os.Exit(1)
}
