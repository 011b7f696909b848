// Command bench times builds of generated national-scale sites, Tebiki
// against Hugo, and reports the page weight of the sample site. It lives
// apart from the tebiki command so that the product binary carries neither
// the Hugo driver nor brotli.
//
//	go run ./generator/cmd/bench [-cities 10,100,1741] [-rounds 3] [-outdir /dev/shm]
package main

import (
	"os"

	"github.com/tebiki/tebiki/generator/internal/bench"
)

func main() {
	os.Exit(bench.Main(os.Args[1:], os.Stdout, os.Stderr))
}
