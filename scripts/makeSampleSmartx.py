#!/usr/bin/python3
"""Writes assets/sample-plan/sample-smartx.xlsx: SmartX's real planning
workbook template (规划设计表 v2025-08-20, read from ../shared/reference,
never copied into the repository) filled with the sample site's values,
and the small stand-in CloudTower ISO next to it.

Usage: /usr/bin/python3 scripts/makeSampleSmartx.py [TEMPLATE] [OUT_DIR]
Only values are changed (the template's layout, merges, formulas, hidden
sheets and drop-downs stay as SmartX ships them).
"""
import hashlib
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent.parent / 'shared' / 'reference' / 'smartx-planning-workbook-template-v20250820.xlsx'
if not TEMPLATE.exists():
    TEMPLATE = Path('/work/shared/reference/smartx-planning-workbook-template-v20250820.xlsx')
OUT = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / 'assets' / 'sample-plan'

CLUSTER = 'CN-SZ-SMTX-Lab-Cls01'
VERSION = '4.6.0'
ISO = f'cloudtower-{VERSION}.el7.x86_64.iso'
ADMIN_PW = 'Sample!Tower2026'
NODE_PW = 'Sample!Node2026'
BMC_PW = 'Sample!Bmc2026'

def fill(wb):
    doc = wb['文档描述']
    doc['C15'] = '示例科技'
    doc['C16'] = '超融合示例项目'
    doc['C17'] = 'SZ-DC1'

    net = wb['虚拟网络']
    net['B3'] = CLUSTER
    rows = {
        3: ('（IPMI）', '（IPMI）', 0, '10.60.19.0/24', '10.60.19.1'),
        4: ('vDS-Mgmt', 'default', 0, '10.60.20.0/24', '10.60.20.1'),
        6: ('vDS-Storage', 'storage-network', 0, '10.60.21.0/24', '10.60.21.1'),
        8: ('vDS-VM', 'VLAN-2101', 2101, '10.61.1.0/24', '10.61.1.1'),
    }
    for row, (vds, name, vlan, cidr, gw) in rows.items():
        net[f'C{row}'] = vds
        net[f'D{row}'] = name
        net[f'F{row}'] = vlan
        net[f'H{row}'] = cidr
        net[f'I{row}'] = gw
    net['C7'] = 'vDS-Backup'
    for row in range(9, 19):
        vlan = 2100 + row - 7
        net[f'D{row}'] = f'VLAN-{vlan}'
        net[f'F{row}'] = vlan
        net[f'H{row}'] = f'10.61.{row - 7}.0/24'
        net[f'I{row}'] = f'10.61.{row - 7}.1'

    hosts = wb['主机规划']
    for n in range(1, 4):
        r = 2 + n
        hosts[f'D{r}'] = f'SZ2026{n:04d}'
        hosts[f'E{r}'] = f'10.60.19.{10 + n}'
        hosts[f'G{r}'] = BMC_PW
        hosts[f'H{r}'] = f'SZ-SMTX-Lab-Node-0{n}'
        hosts[f'I{r}'] = f'10.60.20.{10 + n}'
        hosts[f'K{r}'] = NODE_PW
        hosts[f'M{r}'] = NODE_PW
        hosts[f'N{r}'] = f'10.60.21.{10 + n}'
        hosts[f'P{r}'] = 'R01'
        hosts[f'Q{r}'] = 2 * n - 1
    # The template's fourth example host is not part of this 3-node site.
    for col in 'DEFGHIKMNPQ':
        hosts[f'{col}6'] = None
    hosts['C19'] = '版本:6.1.0'
    hosts['I19'] = '10.60.20.10'
    hosts['M19'] = NODE_PW

    mgmt = wb['集群管理信息']
    mgmt['D3'] = VERSION
    mgmt['E3'] = '10.60.20.2'
    mgmt['G3'] = ADMIN_PW
    mgmt['H3'] = 'cloudtower'
    mgmt['I3'] = ADMIN_PW
    mgmt['K3'] = ADMIN_PW
    mgmt['M3'] = None
    for row, ip in ((4, '10.60.20.3'), (5, '10.60.20.4')):
        mgmt[f'E{row}'] = ip
        mgmt[f'I{row}'] = NODE_PW
        mgmt[f'K{row}'] = NODE_PW
    mgmt['E18'] = '10.60.20.231'
    mgmt['E19'] = '10.60.20.239'
    mgmt['E22'] = '10.60.0.2'
    mgmt['E23'] = 'ntp.sample.test'
    mgmt['E25'] = '10.60.0.53'
    mgmt['E26'] = '10.60.0.54'


def stand_in_iso(path):
    """256 KiB, deterministic (a SHA-256 chain), so the file and its digest never change between runs."""
    block = hashlib.sha256(b'rackpilot sample cloudtower iso').digest()
    data = bytearray()
    while len(data) < 256 * 1024:
        block = hashlib.sha256(block).digest()
        data += block
    path.write_bytes(bytes(data))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.load_workbook(TEMPLATE)
    fill(wb)
    wb.save(OUT / 'sample-smartx.xlsx')
    stand_in_iso(OUT / ISO)
    print(OUT / 'sample-smartx.xlsx')
    print(OUT / ISO)


main()
