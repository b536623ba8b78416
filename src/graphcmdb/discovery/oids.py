"""Numeric OIDs of the MIB objects discovery reads (no MIB compilation at run time).

Shared by the scanner (what to ask for) and the simulated network's recordings (what to
answer), so both sides always name the same objects.
"""

from __future__ import annotations

Oid = tuple[int, ...]


def oid(text: str) -> Oid:
    return tuple(int(part) for part in text.strip(".").split("."))


def child(parent: Oid, number: int) -> Oid:
    """The object ``number`` below ``parent``: a scalar of a group, a column of a table's
    entry (so a group's or an entry's OID is written once)."""
    return (*parent, number)


# SNMPv2-MIB system group (scalars, instance .0)
SYSTEM = oid("1.3.6.1.2.1.1")
SYS_DESCR = child(SYSTEM, 1)
SYS_OBJECT_ID = child(SYSTEM, 2)
SYS_UPTIME = child(SYSTEM, 3)
SYS_CONTACT = child(SYSTEM, 4)
SYS_NAME = child(SYSTEM, 5)
SYS_LOCATION = child(SYSTEM, 6)
SYS_SERVICES = child(SYSTEM, 7)

# IF-MIB ifTable / ifXTable columns (index: ifIndex)
IF_NUMBER = oid("1.3.6.1.2.1.2.1")
IF_ENTRY = oid("1.3.6.1.2.1.2.2.1")
IF_INDEX = child(IF_ENTRY, 1)
IF_DESCR = child(IF_ENTRY, 2)
IF_TYPE = child(IF_ENTRY, 3)
IF_MTU = child(IF_ENTRY, 4)
IF_SPEED = child(IF_ENTRY, 5)
IF_PHYS_ADDRESS = child(IF_ENTRY, 6)
IF_ADMIN_STATUS = child(IF_ENTRY, 7)
IF_OPER_STATUS = child(IF_ENTRY, 8)
IF_X_ENTRY = oid("1.3.6.1.2.1.31.1.1.1")
IF_NAME = child(IF_X_ENTRY, 1)
IF_HIGH_SPEED = child(IF_X_ENTRY, 15)
IF_ALIAS = child(IF_X_ENTRY, 18)

# IP-MIB ipAddressTable (index: addrType, length, address octets) and legacy ipAddrTable
IP_ADDRESS_ENTRY = oid("1.3.6.1.2.1.4.34.1")
IP_ADDRESS_IF_INDEX = child(IP_ADDRESS_ENTRY, 3)
IP_ADDRESS_TYPE = child(IP_ADDRESS_ENTRY, 4)
IP_ADDR_ENTRY = oid("1.3.6.1.2.1.4.20.1")
IP_AD_ENT_ADDR = child(IP_ADDR_ENTRY, 1)
IP_AD_ENT_IF_INDEX = child(IP_ADDR_ENTRY, 2)
IP_AD_ENT_NET_MASK = child(IP_ADDR_ENTRY, 3)

# ENTITY-MIB entPhysicalTable (index: entPhysicalIndex)
ENT_PHYSICAL_ENTRY = oid("1.3.6.1.2.1.47.1.1.1.1")
ENT_PHYSICAL_DESCR = child(ENT_PHYSICAL_ENTRY, 2)
ENT_PHYSICAL_CLASS = child(ENT_PHYSICAL_ENTRY, 5)
ENT_PHYSICAL_NAME = child(ENT_PHYSICAL_ENTRY, 7)
ENT_PHYSICAL_SERIAL = child(ENT_PHYSICAL_ENTRY, 11)
ENT_PHYSICAL_MFG_NAME = child(ENT_PHYSICAL_ENTRY, 12)
ENT_PHYSICAL_MODEL_NAME = child(ENT_PHYSICAL_ENTRY, 13)
ENT_CLASS_CHASSIS = 3
ENT_CLASS_POWER_SUPPLY = 6

# LLDP-MIB (IEEE 802.1AB) local system, local ports (index: lldpLocPortNum) and remote
# systems (index: lldpRemTimeMark, lldpRemLocalPortNum, lldpRemIndex)
LLDP_LOCAL_SYSTEM = oid("1.0.8802.1.1.2.1.3")
LLDP_LOC_CHASSIS_ID_SUBTYPE = child(LLDP_LOCAL_SYSTEM, 1)
LLDP_LOC_CHASSIS_ID = child(LLDP_LOCAL_SYSTEM, 2)
LLDP_LOC_SYS_NAME = child(LLDP_LOCAL_SYSTEM, 3)
LLDP_LOC_PORT_ENTRY = oid("1.0.8802.1.1.2.1.3.7.1")
LLDP_LOC_PORT_ID_SUBTYPE = child(LLDP_LOC_PORT_ENTRY, 2)
LLDP_LOC_PORT_ID = child(LLDP_LOC_PORT_ENTRY, 3)
LLDP_LOC_PORT_DESC = child(LLDP_LOC_PORT_ENTRY, 4)
LLDP_REM_ENTRY = oid("1.0.8802.1.1.2.1.4.1.1")
LLDP_REM_CHASSIS_ID_SUBTYPE = child(LLDP_REM_ENTRY, 4)
LLDP_REM_CHASSIS_ID = child(LLDP_REM_ENTRY, 5)
LLDP_REM_PORT_ID_SUBTYPE = child(LLDP_REM_ENTRY, 6)
LLDP_REM_PORT_ID = child(LLDP_REM_ENTRY, 7)
LLDP_REM_PORT_DESC = child(LLDP_REM_ENTRY, 8)
LLDP_REM_SYS_NAME = child(LLDP_REM_ENTRY, 9)
LLDP_REM_SYS_DESC = child(LLDP_REM_ENTRY, 10)
LLDP_CHASSIS_SUBTYPE_MAC = 4
LLDP_PORT_SUBTYPE_MAC = 3
LLDP_PORT_SUBTYPE_NAME = 5
LLDP_PORT_SUBTYPE_LOCAL = 7

# HOST-RESOURCES-MIB installed software (index: hrSWInstalledIndex) and processors
HR_SW_INSTALLED_ENTRY = oid("1.3.6.1.2.1.25.6.3.1")
HR_SW_INSTALLED_INDEX = child(HR_SW_INSTALLED_ENTRY, 1)
HR_SW_INSTALLED_NAME = child(HR_SW_INSTALLED_ENTRY, 2)
HR_SW_INSTALLED_ID = child(HR_SW_INSTALLED_ENTRY, 3)
HR_SW_INSTALLED_TYPE = child(HR_SW_INSTALLED_ENTRY, 4)
HR_SW_INSTALLED_DATE = child(HR_SW_INSTALLED_ENTRY, 5)
HR_PROCESSOR_ENTRY = oid("1.3.6.1.2.1.25.3.3.1")
HR_PROCESSOR_FRW_ID = child(HR_PROCESSOR_ENTRY, 1)
HR_PROCESSOR_LOAD = child(HR_PROCESSOR_ENTRY, 2)
