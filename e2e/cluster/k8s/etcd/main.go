// Command etcd is the etcd server at the version that k8s.io/kubernetes pins.
// Debian's etcd-server is too old for this apiserver, and no release binary
// can be downloaded here, so it is built from its module like the rest.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
