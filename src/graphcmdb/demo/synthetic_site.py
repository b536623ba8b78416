"""Sites and pods of the synthetic CMDB: network, storage, racks, hypervisors, VMs.

A site has a border router, a core-switch pair (a cluster that needs one of two),
a SAN and an F5 pair. Every ToR switch hard-depends on the core cluster *and* on
the border router, so the border router is the site's single point of failure
with the largest blast radius, and the SAN (which every hypervisor and bare-metal
server hard-depends on) the second. A pod is two racks (ToR + out-of-band
switch each) of hypervisors and bare-metal servers; its VMs fill the hypervisors
to 20-30 guests each, and cluster members are spread over hypervisors and racks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from graphcmdb.demo import hardware as hw
from graphcmdb.demo.hardware import HardwareModel
from graphcmdb.demo.synthetic_model import PROD, Emitter, Key, host_props
from graphcmdb.graph.enums import CIClass, RelType

NET = CIClass.NETWORK_DEVICE
#: CIs of a site's own infrastructure (border, 2 cores + cluster, SAN, 2 F5 + cluster)
SITE_FIXED = 8
VMS_PER_HOST = (20, 30)
VM_SHARE = 0.60
BARE_METAL_SHARE = 0.05
GUEST_OS = (hw.RHEL9, hw.RHEL9, hw.UBUNTU, hw.UBUNTU, hw.WIN2022, hw.WIN2019, hw.DEBIAN, hw.SLES)
VM_CORES = (2, 2, 4, 4, 4, 8, 8, 16)


@dataclass(frozen=True)
class Vendors:
    core: HardwareModel
    tor: HardwareModel
    router: HardwareModel
    hypervisor: HardwareModel
    bare_metal: HardwareModel
    san: HardwareModel


#: sites alternate between two hardware estates
VENDORS = (
    Vendors(hw.NEXUS_CORE, hw.NEXUS_TOR, hw.JUNIPER_MX, hw.DELL_R750, hw.DELL_R760, hw.NETAPP_A400),
    Vendors(hw.ARISTA_CORE, hw.ARISTA_TOR, hw.CISCO_ASR, hw.HPE_DL380, hw.HPE_DL580, hw.PURE_X70),
)


@dataclass
class Site:
    index: int
    code: str
    vendors: Vendors
    border: Key
    cores: tuple[Key, Key]
    core: Key
    san: Key
    f5: Key
    #: the monitoring application, built in the site's first pod
    monitoring: Key | None = None
    racks: int = 0
    pods: int = 0


def physical(
    em: Emitter, site: int, code: str, ci_class: CIClass, name: str, model: HardwareModel
) -> Key:
    """Racked hardware: production, criticality 5 unless a server, vendor fields, an IP."""
    return em.ci(
        ci_class,
        name,
        environment=PROD,
        criticality=4 if ci_class is CIClass.SERVER else 5,
        **host_props(name, code, em.ip(site)),
        **em.hardware(model, site),
    )


def build_site(em: Emitter, index: int) -> Site:
    """The site's network core, SAN and F5 pair (the hotspots every pod hangs off)."""
    code = f"s{index + 1:02d}"
    v = VENDORS[index % len(VENDORS)]
    border = physical(em, index, code, NET, f"border-{code}", v.router)
    cores = (
        physical(em, index, code, NET, f"core-{code}-01", v.core),
        physical(em, index, code, NET, f"core-{code}-02", v.core),
    )
    core = em.ci(
        CIClass.CLUSTER, f"cl-core-{code}", environment=PROD, criticality=5, minAvailable=1
    )
    for c in cores:
        em.rel(c, RelType.MEMBER_OF, core)
        em.rel(c, RelType.CONNECTED_TO, border)
    em.rel(cores[0], RelType.CONNECTED_TO, cores[1])
    if index > 0:  # the WAN link to the first site
        em.rel(border, RelType.CONNECTED_TO, (NET.value, "border-s01"))
    san = physical(em, index, code, CIClass.STORAGE_DEVICE, f"san-{code}", v.san)
    f5 = em.ci(CIClass.CLUSTER, f"cl-f5-{code}", environment=PROD, criticality=5, minAvailable=1)
    for i, c in enumerate(cores, start=1):
        em.rel(san, RelType.CONNECTED_TO, c)
        unit = physical(em, index, code, CIClass.LOAD_BALANCER, f"f5-{code}-0{i}", hw.F5_I5800)
        em.rel(unit, RelType.MEMBER_OF, f5)
        em.rel(unit, RelType.CONNECTED_TO, c)
    em.needs(f5, core)
    return Site(index, code, v, border, cores, core, san, f5)


def guest_slots(rng: random.Random, guests: int) -> list[int]:
    """Guest capacity per hypervisor: random 20-30 each, nudged one by one to add up."""
    low, high = VMS_PER_HOST
    count = max(1, -(-guests // high), round(guests / ((low + high) / 2)))
    slots = [rng.randint(low, high) for _ in range(count)]
    missing = guests - sum(slots)
    i = 0
    while missing:
        step = 1 if missing > 0 else -1
        j = i % count
        if 1 <= slots[j] + step <= high:
            slots[j] += step
            missing -= step
        i += 1
    return slots


@dataclass
class Host:
    """A hypervisor and how many more guests it takes."""

    key: Key
    stub: str
    rack: int
    free: int
    guests: int = 0


@dataclass
class PodInfra:
    """Racks, hypervisors and bare metal of one pod, and the placement of VMs on them."""

    em: Emitter
    site: Site
    pod: int
    budget: int
    start: int
    nas: Key = ("", "")
    tors: list[Key] = field(default_factory=list)
    hosts: list[Host] = field(default_factory=list)
    bare_metal: list[Key] = field(default_factory=list)
    vms: list[Key] = field(default_factory=list)
    free_total: int = 0
    _cursor: int = 0

    def left(self) -> int:
        """Non-VM CIs the pod may still add: the budget minus what exists minus free guest slots."""
        return self.budget - (self.em.count - self.start) - self.free_total

    def build(self) -> None:
        racks = 2 if self.budget >= 300 else 1
        rack_numbers = [self.site.racks + r + 1 for r in range(racks)]
        self.site.racks += racks
        for rack in rack_numbers:
            self._rack(rack)
        self._nas()
        self._hypervisors(rack_numbers, round(self.budget * VM_SHARE))
        for n in range(round(self.budget * BARE_METAL_SHARE)):
            rack = n % racks
            name = f"bm-{self.site.code}-r{rack_numbers[rack]:03d}-{n // racks + 1:02d}"
            self.bare_metal.append(self._racked(name, self.site.vendors.bare_metal, rack))

    def _rack(self, rack: int) -> None:
        s = self.site
        tor = physical(self.em, s.index, s.code, NET, f"tor-{s.code}-r{rack:03d}", s.vendors.tor)
        for c in s.cores:
            self.em.rel(tor, RelType.CONNECTED_TO, c)
        self.em.needs(tor, s.core)
        self.em.needs(tor, s.border)
        oob = physical(self.em, s.index, s.code, NET, f"oob-{s.code}-r{rack:03d}", hw.NEXUS_TOR)
        self.em.rel(oob, RelType.CONNECTED_TO, tor)
        self.tors.append(tor)

    def _nas(self) -> None:
        """The pod's file server (applications with shares soft-depend on it)."""
        s = self.site
        name = f"nas-{s.code}-p{self.pod:03d}"
        self.nas = physical(self.em, s.index, s.code, CIClass.STORAGE_DEVICE, name, s.vendors.san)
        self.em.rel(self.nas, RelType.CONNECTED_TO, self.tors[0])
        self.em.needs(self.nas, self.tors[0])

    def _racked(self, name: str, model: HardwareModel, rack: int) -> Key:
        """A server in a rack: cabled to and hard-depending on its ToR and the site SAN."""
        s = self.site
        key = physical(self.em, s.index, s.code, CIClass.SERVER, name, model)
        self.em.rel(key, RelType.CONNECTED_TO, self.tors[rack])
        self.em.needs(key, self.tors[rack])
        self.em.needs(key, s.san)
        return key

    def _hypervisors(self, racks: list[int], guests: int) -> None:
        """Enough hypervisors for ``guests`` VMs at 20-30 guests each, alternating racks."""
        for n, free in enumerate(guest_slots(self.em.rng, guests)):
            rack = n % len(racks)
            stub = f"{self.site.code}-r{racks[rack]:03d}-h{n // len(racks) + 1:02d}"
            key = self._racked(f"esx-{stub}", self.site.vendors.hypervisor, rack)
            self.hosts.append(Host(key, stub, rack, free))
            self.free_total += free

    # --- virtual machines ----------------------------------------------------------

    def vm(self, host: Host, environment: str, criticality: int) -> Key:
        host.free -= 1
        host.guests += 1
        self.free_total -= 1
        name = f"vm-{host.stub}-{host.guests:03d}"
        rng = self.em.rng
        key = self.em.ci(
            CIClass.VIRTUAL_MACHINE,
            name,
            environment=environment,
            criticality=criticality,
            os=rng.choice(GUEST_OS),
            cores=rng.choice(VM_CORES),
            **host_props(name, self.site.code, self.em.ip(self.site.index)),
        )
        self.em.rel(key, RelType.HOSTED_ON, host.key)
        self.vms.append(key)
        return key

    def next_host(self) -> Host:
        """Round robin over hypervisors with a free slot (callers check ``free_total``)."""
        while True:
            host = self.hosts[self._cursor % len(self.hosts)]
            self._cursor += 1
            if host.free > 0:
                return host

    def spread(self, count: int, environment: str, criticality: int) -> list[Key]:
        """``count`` new VMs on distinct hypervisors, alternating racks (anti-affinity).

        Falls back to sharing a hypervisor only when fewer hypervisors have room.
        """
        racks = [0] * len(self.tors)
        chosen: list[Host] = []
        taken: set[int] = set()
        rng = self.em.rng
        for _ in range(count):
            room = [h for h in self.hosts if h.free > 0]
            pool = [h for h in room if id(h) not in taken] or room
            best = min(pool, key=lambda h: (racks[h.rack], -h.free, rng.random()))
            racks[best.rack] += 1
            chosen.append(best)
            taken.add(id(best))
            best.free -= 1  # reserved now so that the next pick sees it
        for h in chosen:
            h.free += 1
        return [self.vm(h, environment, criticality) for h in chosen]

    def fill(self) -> None:
        """Utility VMs (jump hosts, build agents...) in the slots nothing else took."""
        while self.free_total > 0:
            self.vm(self.next_host(), PROD, 2)
