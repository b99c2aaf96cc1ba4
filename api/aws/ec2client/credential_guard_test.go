package ec2client

import "testing"

// The metadata services keep their plain HTTP; nothing else does.
func TestMetadataHostsOnly(t *testing.T) {
	for host, want := range map[string]bool{"169.254.169.254": true, "[fd00:ec2::254]": true, "169.254.170.2": true,
		"169.254.170.23": true, "169.254.169.253": false, "10.7.7.7": false, "metadata.example": false} {
		if got := isMetadataHost(host); got != want {
			t.Errorf("%s: %v", host, got)
		}
	}
}
