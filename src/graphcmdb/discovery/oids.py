"""Numeric OIDs of the MIB objects discovery reads (no MIB compilation at run time).

Shared by the scanner (what to ask for) and the simulated network's recordings (what to
answer), so both sides always name the same objects.
"""

from __future__ import annotations

Oid = tuple[int, ...]


def oid(text: str) -> Oid:
    return tuple(int(part) for part in text.strip(".").split("."))


# SNMPv2-MIB system group (scalars, instance .0)
SYS_DESCR = oid("1.3.6.1.2.1.1.1")
SYS_OBJECT_ID = oid("1.3.6.1.2.1.1.2")
SYS_UPTIME = oid("1.3.6.1.2.1.1.3")
SYS_CONTACT = oid("1.3.6.1.2.1.1.4")
SYS_NAME = oid("1.3.6.1.2.1.1.5")
SYS_LOCATION = oid("1.3.6.1.2.1.1.6")
SYS_SERVICES = oid("1.3.6.1.2.1.1.7")

# IF-MIB ifTable / ifXTable columns (index: ifIndex)
IF_NUMBER = oid("1.3.6.1.2.1.2.1")
IF_INDEX = oid("1.3.6.1.2.1.2.2.1.1")
IF_DESCR = oid("1.3.6.1.2.1.2.2.1.2")
IF_TYPE = oid("1.3.6.1.2.1.2.2.1.3")
IF_MTU = oid("1.3.6.1.2.1.2.2.1.4")
IF_SPEED = oid("1.3.6.1.2.1.2.2.1.5")
IF_PHYS_ADDRESS = oid("1.3.6.1.2.1.2.2.1.6")
IF_ADMIN_STATUS = oid("1.3.6.1.2.1.2.2.1.7")
IF_OPER_STATUS = oid("1.3.6.1.2.1.2.2.1.8")
IF_NAME = oid("1.3.6.1.2.1.31.1.1.1.1")
IF_HIGH_SPEED = oid("1.3.6.1.2.1.31.1.1.1.15")
IF_ALIAS = oid("1.3.6.1.2.1.31.1.1.1.18")

# IP-MIB ipAddressTable (index: addrType, length, address octets) and legacy ipAddrTable
IP_ADDRESS_IF_INDEX = oid("1.3.6.1.2.1.4.34.1.3")
IP_ADDRESS_TYPE = oid("1.3.6.1.2.1.4.34.1.4")
IP_AD_ENT_ADDR = oid("1.3.6.1.2.1.4.20.1.1")
IP_AD_ENT_IF_INDEX = oid("1.3.6.1.2.1.4.20.1.2")
IP_AD_ENT_NET_MASK = oid("1.3.6.1.2.1.4.20.1.3")

# ENTITY-MIB entPhysicalTable (index: entPhysicalIndex)
ENT_PHYSICAL_DESCR = oid("1.3.6.1.2.1.47.1.1.1.1.2")
ENT_PHYSICAL_CLASS = oid("1.3.6.1.2.1.47.1.1.1.1.5")
ENT_PHYSICAL_NAME = oid("1.3.6.1.2.1.47.1.1.1.1.7")
ENT_PHYSICAL_SERIAL = oid("1.3.6.1.2.1.47.1.1.1.1.11")
ENT_PHYSICAL_MFG_NAME = oid("1.3.6.1.2.1.47.1.1.1.1.12")
ENT_PHYSICAL_MODEL_NAME = oid("1.3.6.1.2.1.47.1.1.1.1.13")
ENT_CLASS_CHASSIS = 3
ENT_CLASS_POWER_SUPPLY = 6

# LLDP-MIB (IEEE 802.1AB) local system, local ports (index: lldpLocPortNum) and remote
# systems (index: lldpRemTimeMark, lldpRemLocalPortNum, lldpRemIndex)
LLDP_LOC_CHASSIS_ID_SUBTYPE = oid("1.0.8802.1.1.2.1.3.1")
LLDP_LOC_CHASSIS_ID = oid("1.0.8802.1.1.2.1.3.2")
LLDP_LOC_SYS_NAME = oid("1.0.8802.1.1.2.1.3.3")
LLDP_LOC_PORT_ID_SUBTYPE = oid("1.0.8802.1.1.2.1.3.7.1.2")
LLDP_LOC_PORT_ID = oid("1.0.8802.1.1.2.1.3.7.1.3")
LLDP_LOC_PORT_DESC = oid("1.0.8802.1.1.2.1.3.7.1.4")
LLDP_REM_CHASSIS_ID_SUBTYPE = oid("1.0.8802.1.1.2.1.4.1.1.4")
LLDP_REM_CHASSIS_ID = oid("1.0.8802.1.1.2.1.4.1.1.5")
LLDP_REM_PORT_ID_SUBTYPE = oid("1.0.8802.1.1.2.1.4.1.1.6")
LLDP_REM_PORT_ID = oid("1.0.8802.1.1.2.1.4.1.1.7")
LLDP_REM_PORT_DESC = oid("1.0.8802.1.1.2.1.4.1.1.8")
LLDP_REM_SYS_NAME = oid("1.0.8802.1.1.2.1.4.1.1.9")
LLDP_REM_SYS_DESC = oid("1.0.8802.1.1.2.1.4.1.1.10")
LLDP_CHASSIS_SUBTYPE_MAC = 4
LLDP_PORT_SUBTYPE_MAC = 3
LLDP_PORT_SUBTYPE_NAME = 5
LLDP_PORT_SUBTYPE_LOCAL = 7

# HOST-RESOURCES-MIB installed software (index: hrSWInstalledIndex) and processors
HR_SW_INSTALLED_INDEX = oid("1.3.6.1.2.1.25.6.3.1.1")
HR_SW_INSTALLED_NAME = oid("1.3.6.1.2.1.25.6.3.1.2")
HR_SW_INSTALLED_ID = oid("1.3.6.1.2.1.25.6.3.1.3")
HR_SW_INSTALLED_TYPE = oid("1.3.6.1.2.1.25.6.3.1.4")
HR_SW_INSTALLED_DATE = oid("1.3.6.1.2.1.25.6.3.1.5")
HR_PROCESSOR_FRW_ID = oid("1.3.6.1.2.1.25.3.3.1.1")
HR_PROCESSOR_LOAD = oid("1.3.6.1.2.1.25.3.3.1.2")
