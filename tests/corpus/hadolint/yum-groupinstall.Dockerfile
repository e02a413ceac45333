FROM rockylinux:9
RUN yum groupinstall -y "Development Tools" && yum clean all
USER 10001
