//go:build !unix

package bench

import "os"

// maxRSS is not measured on this system.
func maxRSS(*os.ProcessState) int64 { return 0 }

// settle does nothing on this system.
func settle() {}
