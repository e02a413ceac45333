FROM node:22-slim
WORKDIR "/opt/my app"
USER node
