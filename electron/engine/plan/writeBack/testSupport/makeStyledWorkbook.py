#!/usr/bin/python3
"""Writes a small v1 plan with openpyxl the way a person formats a workbook in Excel, for write-back tests.

Custom fonts, fills and column widths, a comment, a formula without a cached result (openpyxl stores
none), a merged title, a hidden sheet, a link to another sheet, a password in a cell, and two cells the importer reports as errors
(VMs!D3 is not a number, VMs!H4 is outside its network).
Usage: makeStyledWorkbook.py OUT.xlsx
"""
import sys

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

PASSWORD = "S3cret-Pa55!"


def main():
    workbook = openpyxl.Workbook()
    project = workbook.active
    project.title = "Project"
    project.append(["Project name", "Styled site"])
    project.append(["Organisation", "Example Corp"])

    endpoints = workbook.create_sheet("Endpoints")
    endpoints.append(["Name", "Kind", "Address", "User", "Password"])
    endpoints.append(["pve-lab", "proxmox", "10.10.10.11", "root@pam", PASSWORD])
    endpoints.column_dimensions["E"].width = 21

    networks = workbook.create_sheet("Networks")
    networks.append(["Name", "Endpoint", "VLAN", "Subnet (CIDR)", "Gateway", "Bridge"])
    networks.append(["mgmt", "pve-lab", 10, "10.10.10.0/24", "10.10.10.1", "vmbr0"])

    vms = workbook.create_sheet("VMs")
    vms.append(["Name", "Endpoint", "OS", "vCPU", "Memory", "Disk", "Network", "IP", "VMID", "Notes"])
    vms.append(["web-01", "pve-lab", "Ubuntu 24.04", 2, "4 GiB", 40, "mgmt", "10.10.10.21", 1001, '="front"&"end"'])
    vms.append(["web-02", "pve-lab", "ubuntu", "two", "4 GiB", 40, "mgmt", "10.10.10.22", 1002, None])
    vms.append(["db-01", "pve-lab", "Rocky Linux 9", 4, 8192, 80, "mgmt", "10.99.0.5", 2001, None])
    header_font = Font(name="Arial", size=12, bold=True, color="FFFF0000")
    for cell in vms[1]:
        cell.font = header_font
    vms["A1"].fill = PatternFill(fill_type="solid", fgColor="FFFFFF00")
    vms["A1"].comment = Comment("Owner: infra team", "planner")
    vms["B2"].fill = PatternFill(fill_type="solid", fgColor="FFDDEBF7")
    vms["C3"].font = Font(italic=True, color="FF00B050")
    vms.column_dimensions["A"].width = 30

    budget = workbook.create_sheet("Budget")
    budget["A1"] = "Hardware budget"
    budget["A1"].font = Font(bold=True, size=14)
    budget.merge_cells("A1:C1")
    budget["A2"], budget["B2"] = "Servers", 100
    budget["A3"], budget["B3"] = "Switches", 250
    budget["A4"], budget["B4"] = "Total", "=SUM(B2:B3)"
    budget["A6"] = "See the VMs"
    budget["A6"].hyperlink = Hyperlink(ref="A6", location="'VMs'!A1", display="See the VMs")

    lookup = workbook.create_sheet("Lookup")
    lookup["A1"] = "kept hidden"
    lookup.sheet_state = "hidden"

    workbook.save(sys.argv[1])


if __name__ == "__main__":
    main()
