#!/usr/bin/python3
"""Writes SmartX planning workbooks (规划设计表) in the layout of the real
template (see ../LAYOUT.md) with our own data, one file per variant.

Usage: /usr/bin/python3 makeSmartxWorkbook.py OUT_DIR [VARIANT ...]
       /usr/bin/python3 makeSmartxWorkbook.py --edit SOURCE.xlsx OUT.xlsx 'Sheet!C3=value' ...
         (a copy of SOURCE with cells changed; `Sheet!C3=` empties the cell)
Prints one line per written file. openpyxl writes formulas without cached
values, like the template itself; the `cached*` variants inject them.
"""
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

CLUSTER = 'CN-SH-SMTX-Test-Cls02'
PW = 'Sx!pass123'

# Each variant: cell overrides {sheet: {cell: value}}, plus optional flags.
VARIANTS = {
    'valid': {},
    'emptyOrg': {'cells': {'文档描述': {'C15': None}}},
    'badVlan': {'cells': {'虚拟网络': {'F9': 4095}}},
    'gatewayOutside': {'cells': {'虚拟网络': {'I6': '172.16.12.1'}}},
    'hostOutsideMgmt': {'cells': {'主机规划': {'I4': '172.16.20.22'}}},
    'duplicateIp': {'cells': {'集群管理信息': {'E4': '172.16.10.21'}}},
    'weakPassword': {'cells': {'集群管理信息': {'G3': 'cloudtower'}}},
    'naCells': {'cells': {'主机规划': {'E4': 'N/A', 'D3': 'N/A', 'N3': 'N/A'}, '集群管理信息': {'D4': 'N/A'}}},
    'partialRow': {'cells': {'主机规划': {'H6': 'SH-SMTX-Test-Node-04'}}},
    'badFormula': {'cells': {'主机规划': {'C3': '=VLOOKUP(1,虚拟网络!B3:N18,1,FALSE)'}}},
    'cachedFormula': {'cells': {'主机规划': {'C3': '=VLOOKUP(1,虚拟网络!B3:N18,1,FALSE)'}},
                      'cache': {'主机规划': {'C3': CLUSTER}}},
    'hostsHidden': {'hidden': ['主机规划']},
    'notSmartx': {'drop': ['集群管理信息']},
    'blankSheets': {'blank': True},
}

SHEETS = [('更新说明', 'visible'), ('文档描述', 'visible'), ('设计调研(内部）', 'hidden'),
          ('配置确认表', 'hidden'), ('逻辑拓扑图', 'visible'), ('硬件兼容评估', 'hidden'),
          ('机架位置', 'visible'), ('虚拟网络', 'visible'), ('主机规划', 'visible'),
          ('集群管理信息', 'visible'), ('端口开放需求(可选）', 'visible'),
          ('超融合平台加固基线（可选）', 'visible'), ('服务器端口连线(可选)', 'visible')]


def title(suffix):
    return '=文档描述!C15&"-"&文档描述!C16&"' + suffix + '"'


def put(ws, cells):
    for ref, value in cells.items():
        ws[ref] = value


def drop_down(ws, options, sqref):
    dv = DataValidation(type='list', formula1=options, allow_blank=True)
    for part in sqref.split():
        dv.add(part)
    ws.add_data_validation(dv)


def merge(ws, *ranges):
    for r in ranges:
        ws.merge_cells(r)


def doc_sheet(ws):
    merge(ws, 'B11:F14', 'C15:F15', 'C16:F16', 'C17:F17')
    put(ws, {'B11': '文档说明：\n本文档为测试用规划设计表，布局与模板一致。',
             'B15': '客户名称：', 'C15': '星河数据', 'B16': '项目名称：', 'C16': '虚拟化平台项目',
             'B17': '数据中心名称：', 'C17': 'DC-EAST'})
    for col, text in zip('BCDEF', ['版本日期', '版本', '作者', '联系电话', '变更记录']):
        ws[col + '18'] = text


def network_sheet(ws):
    merge(ws, 'B1:N1', 'B23:N27', 'B3:B18', 'C4:C5', 'C8:C18', 'E8:E18', 'J4:J5', 'J8:J18',
          'K4:K5', 'K8:K18', 'L4:L5', 'L8:L18', 'M4:M5', 'M8:M18', 'N8:N18')
    ws['B1'] = title('-SMTX 平台虚拟交换机规划')
    heads = ['集群名称', '虚拟交换机', '虚拟网络', '网络功能说明', 'VLAN ID', 'VLAN类型', 'SubNetwork',
             'Gateway', '主机端口', '网口绑定模式', '速率', '端口类型', '物理交换机配置类型']
    for i, h in enumerate(heads):
        ws.cell(row=2, column=2 + i, value=h)
    rows = {
        3: ['（IPMI）', '（IPMI）', '带外管理流量', 0, 'Access', '172.16.9.0/24', '172.16.9.1',
            'IPMI/BMC/iDrac/iLO', '专用', '1G', '电口', 'Access'],
        4: ['vDS-Mgmt', 'default', 'SMTX OS系统管理网络', 0, 'Access', '172.16.10.0/24', '172.16.10.1',
            'ens1f0,ens2f0', 'active-backup', '10G', '光口', 'Access'],
        5: [None, 'Infra-network', '（可选）管理组件独立网段', None, 'Access', None, None, None, None, None, None, 'Access'],
        6: ['vDS-Storage', 'storage-network', 'SMTX OS内部存储网络', 0, 'Access', '172.16.11.0/24', '172.16.11.1',
            'ens1f1,ens2f1', 'active-backup', '25G', '光口', 'Access'],
        7: ['vDS-Backup', 'backup-network', '备份服务互联NAS', None, 'Access', None, None,
            'ens3f0', 'active-backup', '10G', '光口', 'Access'],
        8: ['vDS-VM', 'VLAN-2001', '虚拟机网络', 2001, 'Access', '10.20.1.0/24', '10.20.1.1',
            'ens3f1,ens4f1', 'balance-tcp', '10G', '光口', 'Trunk'],
    }
    for n, vlan in ((9, 2002), (10, 2003), (11, 2004)):
        rows[n] = [None, f'VLAN-{vlan}', None, vlan, 'Access', f'10.20.{vlan - 2000}.0/24', f'10.20.{vlan - 2000}.1']
    ws['B3'] = CLUSTER
    for r, values in rows.items():
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(row=r, column=3 + i, value=v)
    ws['B23'] = '请注意：当前仅支持“管理&业务融合、存储独立”与“三网独立”两种网络部署模型。'
    for kind, sqref in (('"专用,共享"', 'K3'), ('"光口,电口"', 'M3:M4 M6:M8'),
                        ('"balance-tcp,balance-slb,active-backup"', 'K4 K6:K8'),
                        ('"Access,Trunk"', 'N3:N8'), ('"100M,1G"', 'L3'), ('"1G,10G,25G,40G,56G,100G"', 'L4:L8')):
        drop_down(ws, kind, sqref)


def host_sheet(ws):
    merge(ws, 'B1:O1', 'B20:M20', 'B21:B22', 'B23:L27', 'B29:O34', 'C3:C18', 'E19:G19', 'J19:K19',
          'Q19:R19', 'Q20:R20', 'Q2:R2')
    ws['B1'] = title('-SMTX 集群节点管理地址规划')
    heads = ['序号', '集群名称', '设备S/N', '带外地址', '带外账号', '带外密码', '主机名', '管理地址', 'SSH 用户名',
             '密码', '管理员账号', '密码', '存储IP', '功能描述', '机架名称', '机架位置 U']
    for i, h in enumerate(heads):
        ws.cell(row=2, column=2 + i, value=h)
    ws['C3'] = '=虚拟网络!B3'
    for n in range(1, 17):
        r = 2 + n
        put(ws, {f'B{r}': n, f'J{r}': 'smartx', f'L{r}': 'root', f'O{r}': f'SmartX管理集群Node{n}',
                 f'R{r}': f'=IF(ISNUMBER(Q{r}),Q{r}+1,"")'})
        if n <= 3:
            put(ws, {f'D{r}': f'SN2025{n:04d}', f'E{r}': f'172.16.9.{20 + n}', f'F{r}': 'ADMIN',
                     f'G{r}': 'Bmc!pass9', f'H{r}': f'SH-SMTX-Test-Node-0{n}', f'I{r}': f'172.16.10.{20 + n}',
                     f'K{r}': PW, f'M{r}': PW, f'N{r}': f'172.16.11.{20 + n}', f'P{r}': 'R01', f'Q{r}': 8 + 2 * n})
    put(ws, {'C19': '版本:6.1.0', 'D19': 'Cluster SN', 'H19': '集群VIP', 'I19': '172.16.10.20',
             'J19': '集群管理员', 'L19': 'root', 'M19': PW, 'N19': '集群功能启用', 'O19': 'Boost',
             'P19': '存储架构', 'Q19': '混闪-分层', 'P20': '网络架构', 'Q20': '三网独立', 'B21': '说明：',
             'B23': '1. 集群命名规范建议：企业-地域-软件-业务-编号；\n2. 主机命名规范建议：地域-软件-业务-功能-编号。',
             'B29': '请注意：当前自动部署平台尚不支持开启RDMA'})
    for kind, sqref in (('"None,RDMA,Boost,RDMA+Boost"', 'O19'), ('"混闪-分层,全闪-不分层"', 'Q19'),
                        ('"三网融合,存储独立,三网独立"', 'Q20:R20')):
        drop_down(ws, kind, sqref)


def mgmt_sheet(ws):
    merge(ws, 'B18:B19', 'B1:N1', 'B20:L20', 'B6:B11', 'C18:C19', 'D18:D19', 'F21:N21', 'F22:N24',
          'F25:N25', 'F26:N26', 'M6:M11', 'N3:N19')
    ws['B1'] = title('SMTX OS 架构平台管理规划')
    heads = ['SmartX生产平台管理 虚拟机名称', '技术说明', 'Version', 'IP地址', 'Web  管理员', '密码',
             ' SSH 用户名', 'SSH 密码', '系统管理员', '密码', '性能配置', 'SN', '管理集群']
    for i, h in enumerate(heads):
        ws.cell(row=2, column=2 + i, value=h)
    vms = [['CloudTower', 'SMTX 集群统一 Web 管理平台', '4.6.1', '172.16.10.2', 'root', PW, 'cloudtower', PW,
            'root', PW, '8vCPU\\19GB-Mem\\400GB Disk', 'LIC-0001'],
           ['Observability', '集群监控与告警集成组件', '1.4.1', '172.16.10.3', 'N/A', 'N/A', 'o11y', PW,
            'admin', PW, '16vCPU\\32GB-Mem\\512GB Disk'],
           ['backup', '备份服务管理组件', '2.2.0', '172.16.10.4', 'N/A', 'N/A', 'smartx', PW, 'admin', PW,
            '4vCPU\\16GB-Mem\\40GB Disk']]
    for r, values in enumerate(vms, start=3):
        for i, v in enumerate(values):
            ws.cell(row=r, column=2 + i, value=v)
    put(ws, {'N3': '=虚拟网络!B3', 'B6': 'ER', 'C6': 'ER VIP'})
    for i in range(1, 6):
        ws[f'C{6 + i}'] = f'控制器0{i}'
    put(ws, {'B18': '临时IP', 'C18': '测试用临时IP范围', 'D18': '---', 'E18': '172.16.10.231',
             'E19': '172.16.10.239', 'B20': '当有其他管理组件时，依次往后添加...'})
    for col, text in zip('BCDEF', ['基础架构设备名称', '技术说明', '类别', 'IP地址', '说明']):
        ws[col + '21'] = text
    infra = [('NTP Server1', '集群统一时间服务器地址', '建议物理设备', '172.16.0.2'),
             ('NTP Server2', '集群统一时间服务器地址', '建议物理设备', 'ntp.example.test'),
             ('NTP Server3', '集群统一时间服务器地址', '建议物理设备', None),
             ('DNS Server1', '集群DNS 解析服务器', '域名服务器', '172.16.0.53'),
             ('DNS Server2', '集群DNS 解析服务器', '域名服务器', None)]
    for r, values in enumerate(infra, start=22):
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(row=r, column=2 + i, value=v)
    ws['F22'] = '最佳配置三个及以上 NTP服务器。'


def filler_sheet(ws, name):
    if name == '更新说明':
        put(ws, {'A1': '作者', 'B1': '更新日期', 'C1': '更新记录', 'A2': 'fixture', 'B2': '2025.9.1', 'C2': '测试'})
    elif name == '设计调研(内部）':
        merge(ws, 'B1:E2')
        put(ws, {'B1': 'SMTX HCI 平台调研参考项（内部）', 'B3': '序号', 'C3': '调研问题', 'B4': 1, 'C4': '客户环境是否有 DNS/NTP？'})
    elif name == '配置确认表':
        merge(ws, 'A1:K1')
        put(ws, {'A1': 'SMTX 集群部署配置项', 'A6': '项目', 'B6': '配置项'})
        ws.row_dimensions[36].hidden = True
    elif name == '硬件兼容评估':
        merge(ws, 'B1:H1')
        ws['B1'] = title('-SMTX OS 架构平台服务器兼容性')
    else:
        merge(ws, 'A1:J1')
        ws['A1'] = title('-' + name)


BUILDERS = {'文档描述': doc_sheet, '虚拟网络': network_sheet, '主机规划': host_sheet, '集群管理信息': mgmt_sheet}


def build(variant):
    spec = VARIANTS[variant]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, state in SHEETS:
        if name in spec.get('drop', []):
            continue
        ws = wb.create_sheet(name)
        if name in BUILDERS:
            if not spec.get('blank'):
                BUILDERS[name](ws)
        else:
            filler_sheet(ws, name)
        ws.sheet_state = 'hidden' if name in spec.get('hidden', []) else state
    for sheet, cells in spec.get('cells', {}).items():
        put(wb[sheet], cells)
    wb.active = wb.sheetnames.index('主机规划') if '主机规划' in wb.sheetnames else 0
    return wb


def inject_cached(path, cache):
    """Adds <v> cached values to formula cells, as Excel would have saved them."""
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    order = [n for n, _ in SHEETS]
    for sheet, cells in cache.items():
        part = f'xl/worksheets/sheet{order.index(sheet) + 1}.xml'
        xml = entries[part].decode('utf-8')
        for ref, value in cells.items():
            pattern = re.compile(r'<c r="' + ref + r'"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>')
            esc = str(value).replace('&', '&amp;').replace('<', '&lt;')
            xml, n = pattern.subn(lambda m: f'<c r="{ref}"{m.group(1)} t="str"><f>{m.group(2)}</f><v>{esc}</v></c>', xml)
            if n != 1:
                raise SystemExit(f'cannot inject a cached value into {sheet}!{ref}')
        entries[part] = xml.encode('utf-8')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def edit(source, out, assignments):
    wb = openpyxl.load_workbook(source)
    for assignment in assignments:
        target, _, value = assignment.partition('=')
        sheet, _, ref = target.rpartition('!')
        wb[sheet][ref] = value if value != '' else None
    wb.save(out)
    print(out)


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    if argv[0] == '--edit':
        return edit(argv[1], argv[2], argv[3:])
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for variant in argv[1:] or list(VARIANTS):
        if variant not in VARIANTS:
            raise SystemExit(f'unknown variant {variant}; known: {", ".join(VARIANTS)}')
        path = out / f'{variant}.xlsx'
        build(variant).save(path)
        if 'cache' in VARIANTS[variant]:
            inject_cached(path, VARIANTS[variant]['cache'])
        print(path)


if __name__ == '__main__':
    main(sys.argv[1:])
