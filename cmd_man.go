package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes the man pages of the command tree (vpnscope.1,
// vpnscope-problems.1, …) into a directory: what releases install.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "write the man pages into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			root.DisableAutoGenTag = true // pages the same from build to build
			return doc.GenManTree(root, &doc.GenManHeader{Title: "VPNSCOPE", Section: "1", Source: "vpnscope", Manual: "vpnscope manual"}, args[0])
		},
	}
}
