"""Two data-centre sites: network, storage, hypervisors and racked servers.

Racks are not CIs; a rack is the top-of-rack switch its servers hang off. Each site
has redundant pairs (core switches, firewalls, routers, F5 load balancers) modelled
as clusters with ``minAvailable`` 1, so losing one unit of a pair degrades rather
than downs what needs it. Hypervisors hard-depend on their site's SAN and their
rack's ToR switch; virtual machines are placed on hypervisors by :meth:`place`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphcmdb.demo import hardware as hw
from graphcmdb.demo.builder import DatasetBuilder
from graphcmdb.demo.hardware import HardwareModel
from graphcmdb.demo.model import CIRef
from graphcmdb.graph.enums import CIClass, RelType

NET = CIClass.NETWORK_DEVICE


@dataclass(frozen=True)
class SiteSpec:
    code: str
    city: str
    racks: int
    hypervisors: int
    core: HardwareModel
    tor: HardwareModel
    router: HardwareModel
    hypervisor: HardwareModel
    san: HardwareModel

    def port(self, n: int) -> str:
        """Front-panel port name in the vendor's notation."""
        return f"Ethernet{n}" if self.core.manufacturer == "Arista" else f"Ethernet1/{n}"


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        "dc1",
        "Frankfurt",
        racks=6,
        hypervisors=12,
        core=hw.NEXUS_CORE,
        tor=hw.NEXUS_TOR,
        router=hw.JUNIPER_MX,
        hypervisor=hw.DELL_R750,
        san=hw.NETAPP_A400,
    ),
    SiteSpec(
        "dc2",
        "Amsterdam",
        racks=4,
        hypervisors=8,
        core=hw.ARISTA_CORE,
        tor=hw.ARISTA_TOR,
        router=hw.CISCO_ASR,
        hypervisor=hw.HPE_DL380,
        san=hw.PURE_X70,
    ),
)


@dataclass
class Site:
    """What was built for one site, for the other modules to hang things off."""

    spec: SiteSpec
    core: CIRef
    san: CIRef
    f5: CIRef
    tors: list[CIRef]
    hypervisors: list[CIRef] = field(default_factory=list)
    #: servers per ToR, to number the ToR's downlink ports
    rack_fill: dict[CIRef, int] = field(default_factory=dict)


class Datacentre:
    def __init__(self, b: DatasetBuilder) -> None:
        self.b = b
        self.sites: dict[str, Site] = {}
        self._load: dict[CIRef, int] = {}

    def build(self) -> None:
        for spec in SITES:
            self.sites[spec.code] = self._site(spec)
        for i in (1, 2):  # the inter-site WAN links
            self.b.connect(
                CIRef(NET, f"rtr-dc1-0{i}"),
                "xe-0/1/0",
                CIRef(NET, f"rtr-dc2-0{i}"),
                "TenGigabitEthernet0/0/0",
            )

    def _site(self, spec: SiteSpec) -> Site:
        core = self._pairs(spec)
        tors = [self._tor(spec, rack, core) for rack in range(1, spec.racks + 1)]
        san = self.b.physical(
            CIClass.STORAGE_DEVICE,
            f"san-{spec.code}",
            spec.san,
            spec.code,
            criticality=5,
            nics=4,
            description=f"Primary block and file storage of {spec.code}",
        )
        backup = self.b.physical(
            CIClass.STORAGE_DEVICE,
            f"dd-{spec.code}",
            hw.DELL_DD6900,
            spec.code,
            criticality=3,
            description=f"Backup target of {spec.code} (Veeam repository)",
        )
        cores = [CIRef(NET, f"core-{spec.code}-0{i}") for i in (1, 2)]
        for device, ports, core_port in ((san, ("e0a", "e0b"), 41), (backup, ("eth1", "eth2"), 42)):
            for c, port in zip(cores, ports, strict=True):
                self.b.connect(device, port, c, spec.port(core_port))
        f5 = self._f5_pair(spec, cores, core)
        site = Site(spec, core, san, f5, tors)
        for n in range(1, spec.hypervisors + 1):
            site.hypervisors.append(self._hypervisor(site, n))
        return site

    def _pairs(self, spec: SiteSpec) -> CIRef:
        """Core switches, firewalls and routers in HA pairs; returns the core cluster."""
        code = spec.code
        pairs = {
            "core": (spec.core, "Core switch", 5),
            "fw": (hw.PALO_ALTO, "Perimeter firewall", 5),
            "rtr": (spec.router, "WAN / internet edge router", 5),
        }
        clusters: dict[str, CIRef] = {}
        for role, (model, what, crit) in pairs.items():
            units = [
                self.b.physical(
                    NET,
                    f"{role}-{code}-0{i}",
                    model,
                    code,
                    criticality=crit,
                    description=f"{what} {i} of {code}",
                )
                for i in (1, 2)
            ]
            clusters[role] = self.b.cluster(
                f"{role}-{code}", units, 1, criticality=crit, description=f"{what} pair of {code}"
            )
        core_1, core_2 = (CIRef(NET, f"core-{code}-0{i}") for i in (1, 2))
        # one edge per pair of nodes: the vPC/MLAG peer link is a port-channel
        peer_link = "Port-Channel1" if spec.core.manufacturer == "Arista" else "port-channel1"
        self.b.connect(core_1, peer_link, core_2, peer_link)
        for i in (1, 2):
            fw = CIRef(NET, f"fw-{code}-0{i}")
            self.b.connect(fw, "ethernet1/1", CIRef(NET, f"core-{code}-0{i}"), spec.port(33))
            self.b.connect(
                CIRef(NET, f"rtr-{code}-0{i}"),
                "ge-0/0/1" if code == "dc1" else "GigabitEthernet0/0/1",
                fw,
                "ethernet1/2",
            )
        self.b.depends(clusters["fw"], clusters["core"])
        self.b.depends(clusters["fw"], clusters["rtr"])
        return clusters["core"]

    def _tor(self, spec: SiteSpec, rack: int, core: CIRef) -> CIRef:
        tor = self.b.physical(
            NET,
            f"tor-{spec.code}-r{rack:02d}",
            spec.tor,
            spec.code,
            criticality=4,
            description=f"Top-of-rack switch, rack {rack:02d}",
        )
        for i in (1, 2):
            self.b.connect(
                tor, spec.port(48 + i), CIRef(NET, f"core-{spec.code}-0{i}"), spec.port(rack)
            )
        self.b.depends(tor, core)
        return tor

    def _f5_pair(self, spec: SiteSpec, cores: list[CIRef], core: CIRef) -> CIRef:
        units = []
        for i, c in enumerate(cores, start=1):
            unit = self.b.physical(
                CIClass.LOAD_BALANCER,
                f"lb-{spec.code}-0{i}",
                hw.F5_I5800,
                spec.code,
                criticality=5,
                description=f"F5 BIG-IP appliance {i} of {spec.code}",
            )
            self.b.connect(unit, "1.1", c, spec.port(37))
            units.append(unit)
        pair = self.b.cluster(
            f"f5-{spec.code}",
            units,
            1,
            criticality=5,
            description=f"F5 BIG-IP active/standby pair of {spec.code}",
        )
        self.b.depends(pair, core)
        return pair

    def _hypervisor(self, site: Site, n: int) -> CIRef:
        spec = site.spec
        host = self.rack_server(
            site,
            f"esx-{spec.code}-{n:02d}",
            spec.hypervisor,
            criticality=5,
            description=f"VMware ESXi host {n:02d} of cluster {spec.code}",
        )
        self.b.depends(host, site.san)
        self._load[host] = 0
        return host

    def rack_server(
        self,
        site: Site,
        name: str,
        model: HardwareModel,
        *,
        criticality: int,
        description: str,
        rack: int | None = None,
    ) -> CIRef:
        """A physical server cabled to (and hard-depending on) a ToR switch."""
        index = sum(site.rack_fill.values()) if rack is None else rack - 1
        tor = site.tors[index % len(site.tors)]
        host = self.b.physical(
            CIClass.SERVER,
            name,
            model,
            site.spec.code,
            zone="hosts",
            criticality=criticality,
            description=description,
        )
        site.rack_fill[tor] = site.rack_fill.get(tor, 0) + 1
        self.b.connect(
            host,
            "vmnic0" if "ESXi" in (model.os or "") else "eno1",
            tor,
            site.spec.port(site.rack_fill[tor]),
        )
        self.b.depends(host, tor)
        return host

    def place(self, vms: list[CIRef], site: str) -> None:
        """HOSTED_ON the least-loaded hypervisors of a site.

        VMs placed together (a cluster's members) go to distinct hosts while there are
        enough hosts (anti-affinity), so one host failure takes at most one member.
        """
        hosts = self.sites[site].hypervisors
        used: set[CIRef] = set()
        for machine in vms:
            if len(used) == len(hosts):
                used.clear()
            free = [h for h in hosts if h not in used]
            host = min(free, key=lambda h: (self._load[h], self.b.rng.random()))
            self.b.relate(machine, RelType.HOSTED_ON, host)
            self._load[host] += 1
            used.add(host)
